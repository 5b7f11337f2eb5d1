import { startRedis, type TestRedis } from '@governor/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFenceGuard, MemoryLeaderLease, MemoryLeaseStore } from '../../src/lease/memory-lease.js';
import { RedisFenceGuard, RedisLeaderLease } from '../../src/lease/redis-lease.js';
import { describeLeaderLeaseContract } from '../contract/leader-lease-contract.js';

describeLeaderLeaseContract('memory', async () => {
  let t = 1_000_000;
  const store = new MemoryLeaseStore();
  return {
    lease: (id, ttl) => new MemoryLeaderLease(id, ttl, store, () => t),
    fence: () => new MemoryFenceGuard(store),
    elapse: async (ms) => {
      t += ms;
    },
  };
});

describe('redis', () => {
  let redis: TestRedis;
  let client: Redis;
  let n = 0;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    client.on('error', () => {});
  });
  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });

  describeLeaderLeaseContract('redis', async () => {
    const prefix = `t${++n}:`;
    return {
      lease: (id, ttl) => new RedisLeaderLease(client, id, { ttlMs: ttl, prefix }),
      fence: () => new RedisFenceGuard(client, prefix),
      elapse: (ms) => new Promise((r) => setTimeout(r, ms)),
    };
  });

  it('keeps tokens growing across a restart of a Redis that keeps nothing', async () => {
    const a = new RedisLeaderLease(client, 'a', { ttlMs: 5000, prefix: 'restart:' });
    const before = await a.tryAcquire();
    await redis.restart(50);
    await client.ping().catch(() => undefined);
    let after = await a.tryAcquire().catch(() => undefined);
    for (let i = 0; after === undefined && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await a.tryAcquire().catch(() => undefined);
    }
    expect(after?.leader).toBe(true);
    expect(after?.token).toBeGreaterThan(before.token ?? 0);
  });
});
