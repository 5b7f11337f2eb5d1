import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FlyEmulator, startFlyEmulator } from '@governor/provider-emulators';
import { freePort } from '@governor/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/cluster-harness.js';
import { clusterPolicy } from './support/cluster-policy.js';
import { DaemonProcess } from './support/daemon-process.js';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
let dir: string;
let fly: FlyEmulator;
const daemons: DaemonProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'governor-entry-'));
  fly = await startFlyEmulator({ apps: ['web', 'api'], rateLimit: false });
  const cluster = clusterPolicy({ apiUrl: fly.url, tickMs: 200, leaseTtlMs: 1500 });
  writeFileSync(join(dir, 'cluster.yaml'), cluster);
  writeFileSync(join(dir, 'standalone.yaml'), cluster.replace('mode: cluster', 'mode: standalone'));
  writeFileSync(join(dir, 'invalid.yaml'), cluster.replace('min: 1', 'min: -3'));
});
afterAll(async () => {
  await Promise.all(daemons.map((d) => d.kill()));
  await fly?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the entry to completion; its exit code and output. */
function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=governor-source', '--import', 'tsx', MAIN, ...args],
      {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the autoscaler daemon entry (src/main.ts)', () => {
  it('explains itself with --help (exit 0) and treats bad usage as exit 2', async () => {
    const [help, bogus, noConfig] = await Promise.all([run(['--help']), run(['--bogus']), run([])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: governor-autoscaler');
    expect(help.stdout).toContain('GOVERNOR_REPLICA_ID');
    expect(bogus.code).toBe(2);
    expect(noConfig.code).toBe(2);
    expect(noConfig.stderr).toContain('GOVERNOR_CONFIG');
  }, 120_000);

  it('exits 1 for an invalid policy and for cluster mode without a Redis URL, naming the cause', async () => {
    const [invalid, noRedis] = await Promise.all([
      run(['--config', join(dir, 'invalid.yaml')], { FLY_API_TOKEN: 'x' }),
      run(['--config', join(dir, 'cluster.yaml')], { FLY_API_TOKEN: 'x' }),
    ]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/min/);
    expect(noRedis.code).toBe(1);
    expect(noRedis.stderr).toContain('REDIS_URL');
  }, 120_000);

  it('refuses a non-loopback --listen without an API token, naming daemon.apiToken and daemon.publicReads', async () => {
    const exposed = await run(
      ['--config', join(dir, 'standalone.yaml'), '--listen', `0.0.0.0:${await freePort()}`],
      {
        FLY_API_TOKEN: fly.token,
      },
    );
    expect(exposed.code).toBe(1);
    expect(exposed.stderr).toContain('GOV_CONFIG_LISTEN_EXPOSED');
    expect(exposed.stderr).toContain('daemon.apiToken');
    expect(exposed.stderr).toContain('daemon.publicReads');
  }, 120_000);

  it('runs standalone as the only leader (governor_leader 1), becomes ready, and exits 0 on SIGTERM', async () => {
    const d = new DaemonProcess('solo', await freePort(), join(dir, 'standalone.yaml'), {
      FLY_API_TOKEN: fly.token,
    });
    daemons.push(d);
    await waitFor(
      'the standalone daemon to be ready',
      async () => (await d.readyz())?.status === 200,
      90_000,
    );
    expect(await d.leader()).toBe(1);
    d.signal('SIGTERM');
    expect(await d.exited).toBe(0);
    expect(d.logs.some((l) => l.includes('autoscaler stopped'))).toBe(true);
  }, 120_000);
});
