import { randomUUID } from 'node:crypto';
import { InProcessActionQueue } from '@governor/actions';
import { createRedisConnection, MemoryBus, RedisLeaderLease } from '@governor/bus';
import { FakeProvider } from '@governor/provider-emulators/fake';
import { startRedis, type TestRedis } from '@governor/testkit';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Autoscaler } from '../../src/autoscaler.js';
import { LeaderElector } from '../../src/cluster/leader-elector.js';
import { LeaderQueue } from '../../src/cluster/leader-queue.js';
import { SelfMetrics } from '../../src/self-metrics.js';
import { appPolicy, testConfig } from '../fixtures/test-config.js';

let redis: TestRedis;
const connections: Redis[] = [];
const electors: LeaderElector[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(electors.splice(0).map((e) => e.stop()));
  for (const c of connections.splice(0)) c.disconnect();
});
afterAll(async () => {
  await redis?.stop();
});

function elector(
  id: string,
  prefix: string,
  extra: Partial<ConstructorParameters<typeof LeaderElector>[0]> = {},
) {
  const conn = createRedisConnection(redis.url, { commandTimeoutMs: 500, connectTimeoutMs: 500 });
  connections.push(conn);
  const metrics = new SelfMetrics();
  const e = new LeaderElector({
    lease: new RedisLeaderLease(conn, id, { ttlMs: 3000, prefix }),
    ttlMs: 3000,
    metrics,
    ...extra,
  });
  electors.push(e);
  return { e, metrics };
}

const gauge = async (m: SelfMetrics, name: string) => (await m.registry.getSingleMetricAsString(name)).trim();

describe('LeaderElector', () => {
  it('lets exactly one replica lead, and hands over with a larger token when the leader stops', async () => {
    const prefix = `t-${randomUUID()}:`;
    const a = elector('a', prefix);
    const b = elector('b', prefix);
    await a.e.runOnce();
    await b.e.runOnce();
    expect([a.e.leading, b.e.leading]).toEqual([true, false]);
    const first = a.e.token;
    expect(await gauge(a.metrics, 'governor_leader')).toContain('governor_leader{replica="a"} 1');
    expect(await gauge(b.metrics, 'governor_leader')).toContain('governor_leader{replica="b"} 0');
    expect(b.e.notReadyReason).toBeUndefined();

    await a.e.stop();
    expect(a.e.leading).toBe(false);
    await b.e.runOnce();
    expect(b.e.leading).toBe(true);
    expect(b.e.token).toBeGreaterThan(first ?? Number.POSITIVE_INFINITY);
  });

  it('stops leading as soon as its lease may have lapsed (a paused process), and catches up before leading again', async () => {
    const prefix = `t-${randomUUID()}:`;
    let mono = 0;
    const elected: number[] = [];
    const a = elector('a', prefix, {
      monotonic: () => mono,
      onElected: async (token) => {
        elected.push(token);
      },
    });
    await a.e.runOnce();
    const token = a.e.token;
    expect(a.e.leading).toBe(true);
    const inner = new InProcessActionQueue({
      handler: async (r) => ({
        app: r.app,
        decisionId: r.decisionId,
        result: 'ok',
        steps: [],
        startedAt: 0,
        finishedAt: 0,
      }),
    });
    const queue = new LeaderQueue(inner, { token: () => a.e.token });
    // The monotonic clock ran on while no renewal happened: leadership ends without asking Redis.
    mono += 3000;
    expect(a.e.leading).toBe(false);
    await expect(
      queue.enqueue({ app: 'web', desired: { local: 2 }, decisionId: 'd1', fencingToken: token }),
    ).rejects.toMatchObject({ code: 'GOV_SERVICE_NOT_LEADER' });
    // Redis still has it as holder (real TTL not over): it renews the same token but reloads first.
    await a.e.runOnce();
    expect(a.e.leading).toBe(true);
    expect(a.e.token).toBe(token);
    expect(elected).toEqual([token, token]);
    await expect(
      queue.enqueue({ app: 'web', desired: { local: 2 }, decisionId: 'd2', fencingToken: (token ?? 0) - 1 }),
    ).rejects.toMatchObject({ code: 'GOV_SERVICE_NOT_LEADER' });
    await queue.close();
  });

  it('stays a follower when taking over fails (history cannot be loaded)', async () => {
    const prefix = `t-${randomUUID()}:`;
    const a = elector('a', prefix, {
      onElected: async () => {
        throw new Error('history unavailable');
      },
    });
    await a.e.runOnce();
    expect(a.e.leading).toBe(false);
    expect(await gauge(a.metrics, 'governor_leader')).toContain('governor_leader{replica="a"} 0');
  });

  it('steps down at once when Redis is unreachable, says why, and leads again when it returns', async () => {
    const prefix = `t-${randomUUID()}:`;
    const a = elector('a', prefix);
    await a.e.runOnce();
    expect(a.e.leading).toBe(true);
    await redis.kill();
    try {
      await a.e.runOnce();
      expect(a.e.leading).toBe(false);
      expect(a.e.notReadyReason).toMatch(/leader lease store unreachable/);
      expect(await gauge(a.metrics, 'governor_leader')).toContain('governor_leader{replica="a"} 0');
    } finally {
      await redis.start();
    }
    for (let i = 0; i < 50 && !a.e.leading; i++) {
      await a.e.runOnce();
      if (!a.e.leading) await new Promise((r) => setTimeout(r, 100));
    }
    expect(a.e.leading).toBe(true);
    expect(a.e.notReadyReason).toBeUndefined();
  });
});

describe('governor_leader in standalone mode', () => {
  it('is 1 for the single replica, so the no-active-leader alert stays silent', async () => {
    const a = new Autoscaler({
      config: testConfig([appPolicy('web')]),
      configHash: 'abc123abc123abc1',
      providers: { fake: new FakeProvider() },
      bus: new MemoryBus(),
      replicaId: 'solo',
    });
    expect(await a.metrics.registry.getSingleMetricAsString('governor_leader')).toContain(
      'governor_leader{replica="solo"} 1',
    );
    await a.stop();
  });
});
