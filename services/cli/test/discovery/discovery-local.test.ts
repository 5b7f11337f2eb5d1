import { type Instance, roundRobin } from '@governor/discovery';
import { EdgeProxy } from '@governor/providers/local';
import { afterEach, describe, expect, it } from 'vitest';
import { HEARTBEAT_TTL_MS, LocalDiscoveryFleet, waitFor } from './local-discovery-fleet.js';

let fleet: LocalDiscoveryFleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
}, 60_000);

/** Sends `total` GETs through `url`, `concurrency` at a time; counts answers per upstream and non-200s. */
async function drive(url: string, total: number, concurrency: number) {
  const byUpstream = new Map<string, number>();
  let failed = 0;
  let sent = 0;
  const worker = async () => {
    while (sent < total) {
      sent++;
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) failed++;
      const up = res.headers.get('x-governor-upstream') ?? '-';
      byUpstream.set(up, (byUpstream.get(up) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { byUpstream, failed };
}

describe('discovery with real instances (standalone: local provider, in-process collectors, memory registry)', () => {
  it('serves id, region, address, readiness and load; picks stay in the own region and fall back when it has no ready instance', async () => {
    fleet = await LocalDiscoveryFleet.start([
      { name: 'ams', region: 'ams' },
      { name: 'fra', region: 'fra' },
    ]);
    const f = fleet;
    const a = await f.launch('ams');
    const b = await f.launch('fra');
    await f.clientSeesReady([a, b]);
    const served = await f.served('?near=fra');
    expect(served.regions).toEqual(['fra', 'ams']);
    expect(served.instances.map((i) => [i.id, i.region, i.ready, i.draining])).toEqual([
      [b, 'fra', true, false],
      [a, 'ams', true, false],
    ]);
    const addrA = (await f.providers.get('ams')?.list('web'))?.[0]?.address;
    expect(served.instances[1]?.address).toBe(addrA);
    expect((await f.served('?region=ams')).instances.map((i) => i.id)).toEqual([a]);
    // Load comes from the collectors' snapshots once a window has closed.
    const withLoad = await waitFor('load in the list', async () => {
      const l = await f.served();
      return l.instances.every((i) => i.load?.inFlight !== undefined) ? l : undefined;
    });
    expect(withLoad.instances.every((i) => typeof i.load?.at === 'number')).toBe(true);

    for (let n = 0; n < 20; n++) expect(f.client.pick()?.id).toBe(a);

    // Kill the ams instance's process: it leaves the list (its collector goes with it), picks fall back to fra.
    const pid = f.providers.get('ams')?.pidOf('web', a);
    expect(pid).toBeDefined();
    process.kill(pid as number, 'SIGKILL');
    await waitFor('picks to fall back to fra', () => f.client.pick()?.id === b, 4 * HEARTBEAT_TTL_MS);
    const seen = new Set<string | undefined>();
    for (let n = 0; n < 20; n++) seen.add(f.client.pick()?.id);
    // While ams has no ready instance, every pick is fra (no pick of the dead one).
    if (!f.client.instances().some((i: Instance) => i.id === a && i.ready)) expect([...seen]).toEqual([b]);
    // The local provider restarts the process; once it reports ready again, picks return to ams.
    await waitFor('picks to return to ams', () => f.client.pick()?.id === a, 30_000);
  }, 120_000);

  it('least loaded keeps a saturated instance under its share of real requests, where round robin gives it exactly its share', async () => {
    fleet = await LocalDiscoveryFleet.start([
      {
        name: 'fast',
        region: 'ams',
        env: { DEMO_CONCURRENCY: '8', DEMO_SERVICE_TIME_MS: '10', DEMO_CPU_MS: '0' },
      },
      {
        name: 'slow',
        region: 'ams',
        env: {
          DEMO_CONCURRENCY: '1',
          DEMO_SERVICE_TIME_MS: '120',
          DEMO_CPU_MS: '0',
          DEMO_QUEUE_LIMIT: '1000',
        },
      },
    ]);
    const f = fleet;
    const fast1 = await f.launch('fast');
    const fast2 = await f.launch('fast');
    const slow = await f.launch('slow');
    await f.clientSeesReady([fast1, fast2, slow]);
    const slowAddr = f.client.instances().find((i) => i.id === slow)?.address as string;
    const addrs = f.client.instances().map((i) => i.address as string);

    const ll = await drive(`http://${f.proxy.address()}/`, 240, 6);
    const rrProxy = new EdgeProxy({ upstreams: () => addrs });
    await rrProxy.listen();
    const rr = await drive(`http://${rrProxy.address()}/`, 240, 6).finally(() => rrProxy.close());

    const share = (m: Map<string, number>) => (m.get(slowAddr) ?? 0) / 240;
    process.stdout.write(
      `saturated instance share: least loaded ${share(ll.byUpstream).toFixed(3)}, round robin ${share(rr.byUpstream).toFixed(3)} (fair share 0.333)\n`,
    );
    expect(ll.failed).toBe(0);
    expect(rr.failed).toBe(0);
    expect(share(rr.byUpstream)).toBeCloseTo(1 / 3, 1);
    expect(share(ll.byUpstream)).toBeLessThan(1 / 3);
    // The same client's round robin, for the record: it ignores load.
    const picks = new Set(Array.from({ length: 3 }, () => f.client.pick({ strategy: roundRobin() })?.id));
    expect(picks.size).toBeGreaterThan(0);
  }, 120_000);

  it('marks a machine draining before a scale-down stops it; it gets no new picks from then on', async () => {
    fleet = await LocalDiscoveryFleet.start([{ name: 'ams', region: 'ams' }]);
    const f = fleet;
    const ams = f.providers.get('ams');
    if (!ams) throw new Error('no provider');
    const ids = [await f.launch('ams'), await f.launch('ams')];
    await f.clientSeesReady(ids);

    // Pick continuously while the scale-down runs, noting when the client first sees a draining instance.
    let victim: string | undefined;
    let stateWhenSeen: string | undefined;
    const afterDrain: string[] = [];
    let picking = true;
    const picker = (async () => {
      while (picking) {
        const draining = f.client.instances().find((i) => i.draining);
        if (draining && victim === undefined) {
          victim = draining.id;
          stateWhenSeen = (await ams.list('web')).find((m) => m.id === draining.id)?.state;
        }
        const lease = f.client.acquire();
        if (victim !== undefined && lease) afterDrain.push(lease.instance.id);
        lease?.release();
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await f.autoscaler.queue.enqueue({ app: 'web', decisionId: 'scale-down', desired: { ams: 1 } });
    await f.autoscaler.queue.idle();
    await waitFor('the stopped machine to leave the list', () =>
      f.client.instances().every((i) => i.id !== victim),
    );
    picking = false;
    await picker;

    expect(victim).toBeDefined();
    // Clients saw the mark while the machine was still running: they moved away before the stop.
    expect(stateWhenSeen).toBe('started');
    const survivor = ids.find((id) => id !== victim);
    expect(afterDrain.length).toBeGreaterThan(0);
    expect(new Set(afterDrain)).toEqual(new Set([survivor]));
  }, 120_000);

  it('the client keeps picking from its last list while the API is down, and catches up on the watch when it returns', async () => {
    fleet = await LocalDiscoveryFleet.start([{ name: 'ams', region: 'ams' }]);
    const f = fleet;
    const first = await f.launch('ams');
    await f.clientSeesReady([first]);
    const port = f.apiPort;

    await f.stopApi();
    await waitFor('the watch to notice', () => !f.client.connected);
    for (let n = 0; n < 5; n++) expect(f.client.pick()?.id).toBe(first);
    const res = await fetch(`http://${f.proxy.address()}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-governor-upstream')).toBe(f.client.pick()?.address);

    // The fleet changes while the API is away; the client learns of it once the API is back.
    const second = await f.launch('ams');
    expect(f.client.instances().map((i) => i.id)).toEqual([first]);
    await f.startApi(port);
    await f.clientSeesReady([first, second]);
    expect(f.client.connected).toBe(true);
    expect(f.client.list()?.instances.map((i) => i.id)).toEqual(
      (await f.served()).instances.map((i) => i.id),
    );
  }, 120_000);
});
