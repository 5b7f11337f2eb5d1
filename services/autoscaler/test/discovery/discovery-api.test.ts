import { MemoryBus, MemoryRegistry } from '@governor/bus';
import { fixtureConfig } from '@governor/config/testing';
import { DiscoveryClient, type InstanceList } from '@governor/discovery';
import type { InstanceSnapshot } from '@governor/metrics';
import { FakeProvider } from '@governor/provider-emulators/fake';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApi } from '../../src/api/server.js';
import { Autoscaler } from '../../src/autoscaler.js';
import { appPolicy } from '../fixtures/test-config.js';

const open: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.();
});

/** A real API over a memory registry and bus, with app `web` and region order ams -> fra, lhr. */
async function serve() {
  const registry = new MemoryRegistry();
  const bus = new MemoryBus();
  const policy = { ...appPolicy('web'), metrics: { ...appPolicy('web').metrics, inFlight: 'in_flight' } };
  const config = fixtureConfig([policy], {
    discovery: { watchInterval: 50, regionOrder: { ams: ['lhr', 'fra'] } },
  });
  const a = new Autoscaler({
    config,
    configHash: 'x',
    providers: { fake: new FakeProvider() },
    bus,
    registry,
  });
  const api: FastifyInstance = await buildApi({ autoscaler: a });
  await api.listen({ host: '127.0.0.1', port: 0 });
  open.push(
    () => a.stop(),
    () => api.close(),
    () => registry.close(),
  );
  const addr = api.server.address();
  const base = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
  return { registry, bus, base };
}

const reg = (instance: string, region: string, extra = {}) => ({
  app: 'web',
  instance,
  region,
  address: `${instance}.vm.web.internal:8080`,
  ...extra,
});

function snapshot(instance: string, inFlight: number): InstanceSnapshot {
  const now = Date.now();
  return {
    version: 1,
    app: 'web',
    instance,
    region: 'ams',
    windowStart: now - 1000,
    windowEnd: now,
    ready: true,
    cpu: { utilization: 0.5, limitCores: 1 },
    requests: { rate: 12, errorRatio: 0, count: 12 },
    custom: { in_flight: inFlight },
    scrape: { up: true, ok: 1, failed: 0 },
  };
}

describe('discovery API', () => {
  it('lists instances with address, readiness, draining, last seen and load; filters by region and ready; orders by near', async () => {
    const { registry, bus, base } = await serve();
    await registry.register(reg('f1', 'fra'), 60_000);
    await registry.register(reg('a1', 'ams'), 60_000);
    await registry.register(reg('l1', 'lhr', { ready: false }), 60_000);
    await registry.register(reg('s1', 'sin'), 60_000);
    await registry.markDraining('web', 'f1', 60_000);
    await bus.publish(snapshot('a1', 3));

    const near = (await (await fetch(`${base}/v1/apps/web/instances?near=ams`)).json()) as InstanceList;
    expect(near.regions).toEqual(['ams', 'lhr', 'fra', 'sin']);
    expect(near.instances.map((i) => [i.id, i.ready, i.draining])).toEqual([
      ['a1', true, false],
      ['l1', false, false],
      ['f1', true, true],
      ['s1', true, false],
    ]);
    const a1 = near.instances[0];
    expect(a1?.address).toBe('a1.vm.web.internal:8080');
    expect(a1?.load).toMatchObject({ utilization: 0.5, inFlight: 3, rps: 12 });
    expect(a1?.lastSeen).toBeGreaterThan(0);
    expect(near.instances[1]?.load).toBeUndefined();

    const ready = (await (await fetch(`${base}/v1/apps/web/instances?ready=false`)).json()) as InstanceList;
    expect(ready.instances.map((i) => i.id)).toEqual(['l1']);
    const fra = (await (await fetch(`${base}/v1/apps/web/instances?region=fra`)).json()) as InstanceList;
    expect(fra.instances.map((i) => i.id)).toEqual(['f1']);
  });

  it('answers 404 for an unknown app and 400 naming the field for a bad query; documents the routes in OpenAPI', async () => {
    const { base } = await serve();
    const nope = await fetch(`${base}/v1/apps/nope/instances`);
    expect(nope.status).toBe(404);
    expect(((await nope.json()) as { error: string }).error).toBe('GOV_SERVICE_UNKNOWN_APP');
    const bad = await fetch(`${base}/v1/apps/web/instances?near=AMS!`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field?: string }).field).toBe('near');
    const extra = await fetch(`${base}/v1/apps/web/instances?colour=red`);
    expect(extra.status).toBe(400);
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/apps/{app}/instances', '/v1/apps/{app}/instances/watch']),
    );
  });

  it('the watch sends the list at once and pushes each change (not heartbeats) to a client', async () => {
    const { registry, base } = await serve();
    await registry.register(reg('a1', 'ams'), 60_000);
    const lists: InstanceList[] = [];
    const client = new DiscoveryClient({
      url: base,
      app: 'web',
      region: 'ams',
      onChange: (l) => lists.push(l),
    });
    open.push(() => client.close());
    client.start();
    await client.ready();
    expect(client.instances().map((i) => i.id)).toEqual(['a1']);
    // A heartbeat changes only lastSeen: no event.
    await registry.register(reg('a1', 'ams'), 60_000);
    await registry.register(reg('a2', 'ams'), 60_000);
    await waitUntil(() => client.instances().length === 2);
    await registry.markDraining('web', 'a1', 60_000);
    await waitUntil(() => client.instances().some((i) => i.draining));
    expect(client.pick()?.id).toBe('a2');
    expect(lists.map((l) => l.instances.map((i) => `${i.id}${i.draining ? '*' : ''}`).join(','))).toEqual([
      'a1',
      'a1,a2',
      'a1*,a2',
    ]);
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
