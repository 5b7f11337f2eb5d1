import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { instanceProcesses } from './instance-processes.js';
import { spawnUp, stopProcess, waitReady, writeUpConfig } from './up-process.js';

let up: ChildProcess | undefined;
let dir: string | undefined;
// Stops up (and so its instances) when a test failed or timed out before it did.
afterEach(async () => {
  if (up) await stopProcess(up);
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

// A closed terminal sends SIGHUP, a service manager SIGTERM, Ctrl-C SIGINT: each must stop the
// instances too (they run in their own process groups, so nothing else would).
describe.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('governor up stopped by %s', (signal) => {
  it('exits 0 and leaves no instance running', async () => {
    dir = mkdtempSync(join(tmpdir(), 'governor-up-signal-'));
    const { file, apiPort, lo, hi } = await writeUpConfig(dir);
    const child = spawnUp(dir, file);
    up = child;
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    await waitReady(apiPort);
    await expect
      .poll(() => instanceProcesses(lo, hi).length, { timeout: 30_000, interval: 200 })
      .toBeGreaterThan(0);

    child.kill(signal);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`${signal}, stopping instances`);
    expect(instanceProcesses(lo, hi)).toEqual([]);
  }, 120_000);
});
