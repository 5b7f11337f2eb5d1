import { randomUUID } from 'node:crypto';
import { isGovernorError } from '@governor/errors';
import { startRedis, type TestRedis } from '@governor/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection, RedisBus, RedisRegistry, redactRedisUrl } from '../src/index.js';
import { describeInstanceRegistryContract } from './contract/instance-registry-contract.js';
import { describeSnapshotBusContract } from './contract/snapshot-bus-contract.js';
import { makeSnapshot } from './make-snapshot.js';
import { redisBusHarness } from './redis-bus-harness.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describeSnapshotBusContract('RedisBus', () => redisBusHarness({ url: redis.url }), { shared: true });

describeInstanceRegistryContract('RedisRegistry', async () => {
  const registry = new RedisRegistry({ url: redis.url, prefix: `test:${randomUUID()}:` });
  return {
    registry,
    // Real time: the checks made while a short TTL still runs (register, register, list) must
    // finish within it, which 150 ms did not leave room for on a busy machine.
    shortTtlMs: 500,
    pass: (ms) => new Promise((r) => setTimeout(r, ms)),
    dispose: () => registry.close(),
  };
});

describe('RedisBus specifics', () => {
  it('trims each app stream to about maxLen entries', async () => {
    const prefix = `test:${randomUUID()}:`;
    const conn = createRedisConnection(redis.url);
    const bus = new RedisBus({ redis: conn, prefix, maxLen: 10 });
    for (let i = 0; i < 500; i++) await bus.publish(makeSnapshot('web', `i-${i % 3}`, Date.now() + i));
    const len = await conn.xlen(bus.streamKey('web'));
    // MAXLEN ~ trims whole macro nodes (100 entries by default), so the cap is approximate.
    expect(len).toBeGreaterThanOrEqual(10);
    expect(len).toBeLessThan(500);
    expect((await bus.latest('web')).map((s) => s.instance)).toEqual(['i-0', 'i-1', 'i-2']);
    await bus.close();
    expect(conn.status).toBe('ready');
    conn.disconnect();
  });

  it('skips, removes and reports a stored snapshot that is not one, and still returns the others', async () => {
    const prefix = `test:${randomUUID()}:`;
    const conn = createRedisConnection(redis.url);
    const errors: unknown[] = [];
    const bus = new RedisBus({ redis: conn, prefix, onDecodeError: (e) => errors.push(e) });
    try {
      await bus.publish(makeSnapshot('web', 'i-1', Date.now()));
      await bus.publish(makeSnapshot('web', 'i-2', Date.now()));
      await conn.hset(`${prefix}latest:{web}`, 'i-3', '{"version": 1, "app": "web"');
      await conn.hset(`${prefix}latest:{web}`, 'i-4', '{"version": 99}');
      expect((await bus.latest('web')).map((s) => s.instance)).toEqual(['i-1', 'i-2']);
      expect(errors.map((e) => isGovernorError(e, 'GOV_BUS_DECODE'))).toEqual([true, true]);
      const messages = errors.map(String).sort();
      expect(messages[0]).toContain(`${prefix}latest:{web}[i-3] is not JSON`);
      expect(messages[1]).toContain(`${prefix}latest:{web}[i-4]: version 99 is not 1`);
      expect((await conn.hkeys(`${prefix}latest:{web}`)).sort()).toEqual(['i-1', 'i-2']);
      // Removed once: the next read is clean.
      expect((await bus.latest()).map((s) => s.instance)).toEqual(['i-1', 'i-2']);
      expect(errors).toHaveLength(2);
    } finally {
      await bus.close();
      conn.disconnect();
    }
  });

  it('the registry skips and reports an entry that is not an instance', async () => {
    const prefix = `test:${randomUUID()}:`;
    const conn = createRedisConnection(redis.url);
    const errors: unknown[] = [];
    const reg = new RedisRegistry({ redis: conn, prefix, onDecodeError: (e) => errors.push(e) });
    try {
      await reg.register({ app: 'web', instance: 'i-1', region: 'ams' }, 10_000);
      await reg.register({ app: 'web', instance: 'i-2', region: 'ams' }, 10_000);
      await conn.set(`${prefix}instance:{web}:i-2`, 'garbage', 'PX', 10_000);
      expect((await reg.list('web')).map((i) => i.instance)).toEqual(['i-1']);
      expect(errors.map((e) => isGovernorError(e, 'GOV_BUS_DECODE'))).toEqual([true]);
    } finally {
      await reg.close();
      conn.disconnect();
    }
  });

  it('never prints the password of a Redis URL', () => {
    expect(redactRedisUrl('redis://:hunter2@10.0.0.1:6379/0')).not.toContain('hunter2');
    expect(redactRedisUrl('redis://user:hunter2@host:6379')).toContain('***');
  });
});

describe('RedisBus while Redis is down', () => {
  it('rejects publish and latest with GOV_BUS_UNAVAILABLE, then recovers when Redis is back', async () => {
    const own = await startRedis();
    const errors: Error[] = [];
    const bus = new RedisBus({
      url: own.url,
      prefix: `test:${randomUUID()}:`,
      onError: (e) => errors.push(e),
    });
    try {
      await bus.publish(makeSnapshot('web', 'i-1', Date.now()));
      await own.kill();
      let err: unknown;
      try {
        await bus.publish(makeSnapshot('web', 'i-1', Date.now()));
      } catch (e) {
        err = e;
      }
      expect(isGovernorError(err, 'GOV_BUS_UNAVAILABLE')).toBe(true);
      expect(String((err as Error).message)).toContain(`127.0.0.1:${own.port}`);
      await expect(bus.latest('web')).rejects.toMatchObject({ code: 'GOV_BUS_UNAVAILABLE' });
      // Reconnect attempts are refused; each refusal reaches the error listener, not the process.
      for (let i = 0; i < 50 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(errors.length).toBeGreaterThan(0);
      await own.start();
      // The connection comes back on its own (capped backoff).
      let ok = false;
      for (let i = 0; i < 100 && !ok; i++) {
        try {
          await bus.publish(makeSnapshot('web', 'i-1', Date.now()));
          ok = true;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect(ok).toBe(true);
      expect((await bus.latest('web')).map((s) => s.instance)).toEqual(['i-1']);
    } finally {
      await bus.close();
      await own.stop();
    }
  });

  it('the registry reports GOV_BUS_UNAVAILABLE too', async () => {
    const own = await startRedis();
    const reg = new RedisRegistry({ url: own.url, prefix: `test:${randomUUID()}:` });
    try {
      await reg.register({ app: 'web', instance: 'i-1', region: 'ams' }, 10_000);
      await own.kill();
      await expect(
        reg.register({ app: 'web', instance: 'i-1', region: 'ams' }, 10_000),
      ).rejects.toMatchObject({
        code: 'GOV_BUS_UNAVAILABLE',
      });
    } finally {
      await reg.close();
      await own.stop();
    }
  });
});
