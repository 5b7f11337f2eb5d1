import { randomUUID } from 'node:crypto';
import { startRedisCluster, type TestRedisCluster } from '@governor/testkit';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedisConnection,
  RedisFenceGuard,
  RedisLeaderLease,
  RedisRegistry,
  RedisReplicaSet,
  shardPrefix,
} from '../src/index.js';
import { describeInstanceRegistryContract } from './contract/instance-registry-contract.js';
import { describeLeaderLeaseContract } from './contract/leader-lease-contract.js';
import { describeSnapshotBusContract } from './contract/snapshot-bus-contract.js';
import { redisBusHarness } from './redis-bus-harness.js';

// Every script, MULTI and MGET of the bus, registry, leases and replica set keeps its keys in one
// slot (hash tags); a real Redis Cluster of three masters answers CROSSSLOT to any that does not.
let cluster: TestRedisCluster;
let client: Redis;
let n = 0;
beforeAll(async () => {
  cluster = await startRedisCluster();
  client = createRedisConnection(cluster.url, { name: 'test-cluster' });
}, 120_000);
afterAll(async () => {
  client?.disconnect();
  await cluster?.stop();
});

describeSnapshotBusContract('RedisBus on a Redis Cluster', () => redisBusHarness({ redis: client }), {
  shared: true,
});

describeInstanceRegistryContract('RedisRegistry on a Redis Cluster', async () => {
  const registry = new RedisRegistry({ redis: client, prefix: `test:${randomUUID()}:` });
  return {
    registry,
    shortTtlMs: 150,
    pass: (ms) => new Promise((r) => setTimeout(r, ms)),
    dispose: () => registry.close(),
  };
});

describeLeaderLeaseContract('shard lease on a Redis Cluster', async () => {
  // A shard's prefix carries its hash tag: the lease, its token and the fences share one slot.
  const prefix = shardPrefix(`t${++n}:`, n % 64);
  return {
    lease: (id, ttl) => new RedisLeaderLease(client, id, { ttlMs: ttl, prefix }),
    fence: () => new RedisFenceGuard(client, prefix),
    elapse: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
});

describe('the replica set on a Redis Cluster', () => {
  it('lists the live replicas, drops one that leaves and one whose heartbeat expires', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = new RedisReplicaSet(client, 'a', { ttlMs: 5000, prefix });
    const b = new RedisReplicaSet(client, 'b', { ttlMs: 5000, prefix });
    const c = new RedisReplicaSet(client, 'c', { ttlMs: 200, prefix });
    await a.heartbeat();
    await c.heartbeat();
    expect(await b.heartbeat()).toEqual(['a', 'b', 'c']);
    expect(await a.leave()).toEqual(['b', 'c']);
    await new Promise((r) => setTimeout(r, 400));
    expect(await b.heartbeat()).toEqual(['b']);
  });
});

describe('a Redis Cluster that goes away', () => {
  it('fails lease commands instead of holding them, and grants a larger token once it is back', async () => {
    const lease = createRedisConnection(cluster.url, { name: 'test-lease', commandTimeoutMs: 300 });
    try {
      const prefix = shardPrefix('outage:', 3);
      const a = new RedisLeaderLease(lease, 'a', { ttlMs: 5000, prefix });
      const before = await a.tryAcquire();
      expect(before.leader).toBe(true);
      await cluster.kill();
      // Held in the cluster client's offline queue, these would never settle: a replica could
      // neither step down on time nor release its leases at shutdown.
      await expect(a.tryAcquire()).rejects.toThrow();
      await expect(a.release()).rejects.toThrow();
      await cluster.start();
      let after = await a.tryAcquire().catch(() => undefined);
      for (let i = 0; after === undefined && i < 100; i++) {
        await new Promise((r) => setTimeout(r, 200));
        after = await a.tryAcquire().catch(() => undefined);
      }
      expect(after?.leader).toBe(true);
      expect(after?.token).toBeGreaterThan(before.token ?? 0);
    } finally {
      lease.disconnect();
    }
  }, 120_000);
});
