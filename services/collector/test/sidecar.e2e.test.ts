import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RedisBus, RedisRegistry } from '@governor/bus';
import { freePort, startRedis, type TestRedis } from '@governor/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from './helpers/app-process.js';
import { seriesValue } from './helpers/harness.js';
import { until } from './helpers/wait.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

function runMain(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--conditions=governor-source', '--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('collector sidecar process', () => {
  let redis: TestRedis;
  let app: AppProcess;
  beforeAll(async () => {
    redis = await startRedis();
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
    await redis?.stop();
  });

  it('registers, serves /metrics and /readyz, and on SIGTERM publishes the last window, deregisters and exits 0', async () => {
    const port = await freePort();
    const child = runMain(
      [
        '--app',
        'web',
        '--target',
        app.metricsUrl,
        '--listen',
        `127.0.0.1:${port}`,
        '--host-stats',
        `process:${app.pid}`,
      ],
      {
        REDIS_URL: redis.url.replace('redis://', 'redis://:s3cret-pw@'),
        FLY_MACHINE_ID: 'm-123',
        FLY_REGION: 'fra',
        FLY_PRIVATE_IP: 'fdaa::3',
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const registry = new RedisRegistry({ url: redis.url });
    const bus = new RedisBus({ url: redis.url });
    try {
      const base = `http://127.0.0.1:${port}`;
      await until(
        async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined),
        '/readyz 200',
      );
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(seriesValue(text, 'governor_scrape_up', { target: app.metricsUrl, instance: 'm-123' })).toBe(1);
      expect(text).toContain('process_resident_memory_bytes');
      const listed = await until(async () => {
        const l = await registry.list('web');
        return l.length > 0 ? l : undefined;
      }, 'registration');
      expect(listed[0]).toMatchObject({
        app: 'web',
        instance: 'm-123',
        region: 'fra',
        address: `[fdaa::3]:${app.port}`,
        targets: [app.metricsUrl],
      });
      await app.work(10, 200, 20);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const [last] = await bus.latest('web');
      expect(last).toMatchObject({ app: 'web', instance: 'm-123', region: 'fra', ready: true });
      expect(last?.memory?.workingSetBytes).toBeGreaterThan(0);
      expect(await registry.list('web')).toEqual([]);
      const lines = stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { msg: string });
      expect(lines.map((l) => l.msg)).toContain('collector sidecar stopped');
      expect(stdout).toContain('redis://:***@127.0.0.1');
      expect(stdout + stderr).not.toContain('s3cret-pw');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await bus.close();
      await registry.close();
    }
  });

  it('exits 1 with a clear message when no app name can be found', async () => {
    const child = runMain([], { FLY_APP_NAME: '', GOVERNOR_CONFIG: '' });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(stderr).toContain('GOV_COLLECTOR_IDENTITY');
  });

  it('exits 2 on an unknown flag', async () => {
    const child = runMain(['--nope'], {});
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(2);
  });
});
