import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DiscoveryClient, type InstanceList } from '@governor/discovery';
import { LocalProvider } from '@governor/providers/local';
import { freePort } from '@governor/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClusterHarness, waitFor } from './support/cluster-harness.js';
import type { DaemonProcess } from './support/daemon-process.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SIDECAR = fileURLToPath(new URL('../../../collector/src/main.ts', import.meta.url));
const HEARTBEAT_TTL_MS = 2000;

let h: ClusterHarness;
let apps: LocalProvider;
const sidecars: ChildProcess[] = [];
beforeEach(async () => {
  h = await ClusterHarness.start();
  // The harness policy, with a short heartbeat TTL and a fast discovery watch.
  const policy = readFileSync(h.configPath, 'utf8')
    .replace('  staleAfter: 60s\n', `  staleAfter: 60s\n  heartbeatTtl: ${HEARTBEAT_TTL_MS}ms\n`)
    .concat('discovery:\n  watchInterval: 200ms\n  regionOrder:\n    ams: [fra]\n');
  writeFileSync(h.configPath, policy);
  const lo = 22_000 + Math.floor(Math.random() * 800) * 10;
  apps = new LocalProvider({
    command: process.execPath,
    args: ['--import', 'tsx', 'examples/demo-app/src/main.ts'],
    cwd: ROOT,
    portRange: [lo, lo + 9],
    healthPath: '/healthz',
  });
}, 60_000);
afterEach(async () => {
  for (const s of sidecars.splice(0)) if (s.exitCode === null) s.kill('SIGKILL');
  await apps?.close();
  await h?.stop();
}, 60_000);

/** Starts a demo-app instance and a real collector sidecar process for it, registering into Redis as `id`. */
async function instance(id: string, region: string): Promise<ChildProcess> {
  const m = await apps.create('web', { region: 'local' });
  await waitFor(`${m.id} healthy`, async () =>
    (await apps.list('web')).some((x) => x.id === m.id && x.health === 'healthy'),
  );
  const child = spawn(
    process.execPath,
    [
      '--conditions=governor-source',
      '--import',
      'tsx',
      SIDECAR,
      ...['--config', h.configPath, '--app', 'web', '--instance', id, '--region', region],
      ...['--address', m.address as string, '--target', `http://${m.address}/metrics`],
      ...['--listen', `127.0.0.1:${await freePort()}`, '--host-stats', 'none', '--log-level', 'warn'],
    ],
    {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: h.redis.url, FLY_API_TOKEN: h.fly.token },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  sidecars.push(child);
  return child;
}

/** What every replica must agree on: the list without heartbeat times and load. */
async function view(d: DaemonProcess): Promise<string | undefined> {
  try {
    const res = await fetch(`${d.url}/v1/apps/web/instances?near=ams`);
    if (res.status !== 200) return undefined;
    const body = (await res.json()) as InstanceList;
    return JSON.stringify({
      regions: body.regions,
      instances: body.instances.map((i) => [i.id, i.region, i.address, i.ready, i.draining]),
    });
  } catch {
    return undefined;
  }
}

/** Waits until every running replica serves the same list, with exactly `ids` (in order) ready; returns it. */
async function agreed(ids: readonly string[], timeoutMs = 60_000): Promise<string> {
  return waitFor(
    `every replica to list ${ids.join(', ')} ready`,
    async () => {
      const views = await Promise.all(h.daemons.filter((d) => d.running).map(view));
      const first = views[0];
      if (!first || views.some((v) => v !== first)) return undefined;
      const got = (JSON.parse(first) as { instances: Array<[string, string, string, boolean]> }).instances;
      return got.map((i) => i[0]).join(',') === ids.join(',') && got.every((i) => i[3]) ? first : undefined;
    },
    timeoutMs,
  );
}

describe('discovery in cluster mode (Redis registry, three daemon processes, real collector sidecars)', () => {
  it('every replica serves the same list; a killed instance leaves it within its TTL; the list survives a leader failover', async () => {
    await Promise.all(['r1', 'r2', 'r3'].map((id) => h.spawn(id)));
    await h.allStarted();
    const leader = await h.oneLeader(30_000);
    const a1 = await instance('a1', 'ams');
    await instance('a2', 'ams');
    await instance('f1', 'fra');
    const before = await agreed(['a1', 'a2', 'f1']);
    expect(JSON.parse(before).regions).toEqual(['ams', 'fra']);

    // A client on one follower keeps the list through the failover.
    const follower = h.daemons.find((d) => d !== leader) as DaemonProcess;
    const client = new DiscoveryClient({ url: follower.url, app: 'web', region: 'fra' }).start();
    try {
      await waitFor('the client to see f1', () => client.pick()?.id === 'f1');

      // kill -9: no deregistration; the heartbeat TTL removes it from every replica.
      a1.kill('SIGKILL');
      await agreed(['a2', 'f1'], 4 * HEARTBEAT_TTL_MS + 10_000);

      await leader.kill();
      const next = await h.oneLeader(30_000);
      expect(next).not.toBe(leader);
      await agreed(['a2', 'f1']);
      expect(client.pick()?.id).toBe('f1');
      expect(client.instances().map((i) => i.id)).toEqual(['f1', 'a2']);
    } finally {
      await client.close();
    }
  }, 240_000);
});
