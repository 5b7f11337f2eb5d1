import { randomUUID } from 'node:crypto';
import { createRedisConnection } from '@governor/bus';
import type { AppConfig } from '@governor/config';
import { isGovernorError } from '@governor/errors';
import type { InstanceSnapshot } from '@governor/metrics';
import { FakeProvider } from '@governor/provider-emulators/fake';
import { startRedis, type TestRedis } from '@governor/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Autoscaler } from '../../src/autoscaler.js';
import { RedisHistoryStore } from '../../src/cluster/redis-history-store.js';
import { type Cluster, startCluster } from '../../src/cluster/start-cluster.js';
import { SelfMetrics } from '../../src/self-metrics.js';
import { appPolicy, testConfig } from '../fixtures/test-config.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const nodes: Node[] = [];
afterEach(async () => {
  for (const n of nodes.splice(0)) await n.close();
});

/** `web`: rps target 100 per machine, scale-down stabilization window 60 s, no rate limits. */
function webPolicy(): AppConfig {
  const base = appPolicy('web', { min: 1, max: 10 });
  const rules = { stabilizationWindow: 0, select: 'max' as const, policies: [], tolerance: 0.1 };
  return {
    ...base,
    targets: [{ type: 'rps', perMachine: 100 }],
    behavior: { scaleUp: rules, scaleDown: { ...rules, stabilizationWindow: 60_000 } },
  };
}

interface Node {
  readonly autoscaler: Autoscaler;
  readonly cluster: Cluster;
  close(): Promise<void>;
}

/** One replica in this process: cluster parts on the test Redis, an Autoscaler on a virtual clock. */
function node(id: string, provider: FakeProvider, prefix: string, clock: () => number): Node {
  const metrics = new SelfMetrics();
  const cluster = startCluster({
    redisUrl: redis.url,
    replicaId: id,
    leaseTtlMs: 5000,
    shards: 1,
    apps: () => autoscaler.apps(),
    provider: () => provider,
    metrics,
    prefix,
    backoffMs: 100,
  });
  const autoscaler = new Autoscaler({
    config: testConfig([webPolicy()]),
    configHash: 'abc123abc123abc1',
    providers: { fake: provider },
    metrics,
    now: clock,
    ...cluster.autoscalerOptions,
  });
  let closed = false;
  const n = {
    autoscaler,
    cluster,
    async close() {
      if (closed) return;
      closed = true;
      await autoscaler.stop();
      await cluster.close();
    },
  };
  nodes.push(n);
  return n;
}

function fleet(): FakeProvider {
  return new FakeProvider({
    machines: [1, 2, 3, 4, 5].map((i) => ({
      app: 'web',
      id: `m${i}`,
      region: 'local',
      state: 'started' as const,
    })),
  });
}

async function publish(n: Node, provider: FakeProvider, perMachine: number, at: number): Promise<void> {
  for (const m of provider.listSync('web').filter((x) => x.state === 'started')) {
    const s: InstanceSnapshot = {
      version: 1,
      app: 'web',
      instance: m.id,
      region: 'local',
      windowStart: at - 1000,
      windowEnd: at,
      ready: true,
      requests: { rate: perMachine, errorRatio: 0, count: perMachine },
      custom: {},
      scrape: { up: true, ok: 1, failed: 0 },
    };
    await n.cluster.bus.publish(s);
  }
}

const running = (p: FakeProvider) => p.listSync('web').filter((m) => m.state === 'started').length;

describe('decision history in Redis', () => {
  it('lets a new leader continue the old leader’s stabilization window instead of starting afresh', async () => {
    const prefix = `test-${randomUUID()}:`;
    let now = Date.now();
    const clock = () => now;
    const provider = fleet();

    const a = node('a', provider, prefix, clock);
    await a.cluster.shards.runOnce();
    expect(a.cluster.shards.leadingAny).toBe(true);
    await publish(a, provider, 100, now);
    await a.autoscaler.tickOnce();
    expect(a.autoscaler.decisions.last('web')).toMatchObject({ decided: 5, outcome: 'no_change' });
    await a.close();

    // Ten seconds later load has dropped to a fifth; a new replica takes over.
    now += 10_000;
    const b = node('b', provider, prefix, clock);
    await b.cluster.shards.runOnce();
    expect(b.cluster.shards.leadingAny).toBe(true);
    await publish(b, provider, 20, now);
    await b.autoscaler.tickOnce();
    await b.cluster.actions.idle();
    // The old leader's recommendation of 5 is still inside the 60 s window: no scale-down yet.
    expect(b.autoscaler.decisions.last('web')).toMatchObject({ decided: 5 });
    expect(running(provider)).toBe(5);

    // Control: a replica without that history (its own key prefix) decides the same inputs differently.
    const freshProvider = fleet();
    const c = node('c', freshProvider, `test-${randomUUID()}:`, clock);
    await c.cluster.shards.runOnce();
    await publish(c, freshProvider, 20, now);
    await c.autoscaler.tickOnce();
    expect(c.autoscaler.decisions.last('web')).toMatchObject({ decided: 1, outcome: 'scale_down' });

    // Once the window has passed, the new leader scales down.
    now += 51_000;
    await publish(b, provider, 20, now);
    await b.autoscaler.tickOnce();
    await b.cluster.actions.idle();
    expect(b.autoscaler.decisions.last('web')).toMatchObject({ decided: 1, outcome: 'scale_down' });
    expect(running(provider)).toBe(1);
  });

  it('refuses a history write from a deposed leader (older fencing token)', async () => {
    const prefix = `test-${randomUUID()}:`;
    const provider = fleet();
    const n = node('a', provider, prefix, Date.now);
    const store = n.cluster.history;
    const h = { version: 1 as const, recommendations: [{ at: 1, desired: 3 }], events: [], failures: 0 };
    expect(await store.save('web', h, 10)).toBe(true);
    expect(await store.save('web', { ...h, recommendations: [] }, 9)).toBe(false);
    expect((await store.load(['web', 'other'])).get('web')).toEqual(h);
    expect(await store.save('web', { ...h, failures: 1 }, 11)).toBe(true);
    expect((await store.load(['web'])).get('web')?.failures).toBe(1);
  });

  it('sends saves made together as one script call, and still refuses each app whose stored token is newer', async () => {
    const prefix = `test-${randomUUID()}:{shard-0}:`;
    const conn = createRedisConnection(redis.url);
    const store = new RedisHistoryStore(conn, { prefix });
    try {
      const h = { version: 1 as const, recommendations: [{ at: 1, desired: 3 }], events: [], failures: 0 };
      expect(await store.save('api', h, 7)).toBe(true);
      // Redis's own count of EVAL calls, before and after.
      const evals = async () =>
        Number(/cmdstat_eval:calls=(\d+)/.exec(await conn.info('commandstats'))?.[1] ?? 0);
      const before = await evals();
      // Same turn, same token 5: `api` holds token 7 (a newer owner wrote it), `web` has none.
      const got = await Promise.all([
        store.save('api', { ...h, failures: 1 }, 5),
        store.save('web', { ...h, failures: 2 }, 5),
      ]);
      expect(got, `got ${got} want [false, true]`).toEqual([false, true]);
      expect(await evals()).toBe(before + 1);
      const loaded = await store.load(['api', 'web']);
      expect(loaded.get('api')?.failures).toBe(0);
      expect(loaded.get('web')?.failures).toBe(2);
    } finally {
      conn.disconnect();
    }
  });

  it('ignores a stored history that is not one: the others load, and a replica still takes over', async () => {
    const prefix = `test-${randomUUID()}:`;
    const conn = createRedisConnection(redis.url);
    const errors: unknown[] = [];
    // One shard: both apps' histories live under its prefix.
    const store = new RedisHistoryStore(conn, {
      prefix: `${prefix}{shard-0}:`,
      onDecodeError: (e) => errors.push(e),
    });
    try {
      const h = { version: 1 as const, recommendations: [{ at: 1, desired: 3 }], events: [], failures: 0 };
      expect(await store.save('api', h, 1)).toBe(true);
      await conn.hset(`${prefix}{shard-0}:history`, 'web', '{"version": 1, "recommendations": ');
      const loaded = await store.load(['web', 'api']);
      expect([...loaded.keys()]).toEqual(['api']);
      expect(errors).toHaveLength(1);
      expect(isGovernorError(errors[0], 'GOV_BUS_DECODE')).toBe(true);
      expect(String(errors[0])).toContain('stored history of web is not JSON');

      // Before, the election's takeover failed on it and was retried forever: nobody led.
      const provider = fleet();
      const n = node('a', provider, prefix, Date.now);
      await n.cluster.shards.runOnce();
      expect(n.cluster.shards.leadingAny).toBe(true);
    } finally {
      conn.disconnect();
    }
  });
});
