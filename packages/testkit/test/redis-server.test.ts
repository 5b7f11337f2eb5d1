import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../src/index.js';

function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port }, () => sock.write(`${line}\r\n`));
    sock.once('data', (d) => {
      sock.destroy();
      resolve(d.toString().trim());
    });
    sock.once('error', reject);
  });
}

describe('startRedis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('serves a private redis-server on its own port', async () => {
    expect(redis.port).not.toBe(6379);
    expect(await command(redis.port, 'SET governor:testkit 1')).toBe('+OK');
    expect(await command(redis.port, 'GET governor:testkit')).toContain('1');
  });

  it('comes back empty after a restart (no persistence)', async () => {
    await command(redis.port, 'SET governor:testkit:gone 1');
    await redis.restart(100);
    expect(await command(redis.port, 'EXISTS governor:testkit:gone')).toBe(':0');
  });
});
