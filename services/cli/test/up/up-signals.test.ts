import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@governor/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { instanceProcesses } from './instance-processes.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const template = fileURLToPath(new URL('./fixtures/up-e2e.template.yaml', import.meta.url));

let up: ChildProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (up && up.exitCode === null && up.signalCode === null) {
    up.kill('SIGKILL');
    await once(up, 'exit');
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A closed terminal sends SIGHUP, a service manager SIGTERM, Ctrl-C SIGINT: each must stop the
// instances too (they run in their own process groups, so nothing else would).
describe.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('governor up stopped by %s', (signal) => {
  it('exits 0 and leaves no instance running', async () => {
    const apiPort = await freePort();
    const lo = 40_000 + Math.floor(Math.random() * 10_000);
    const hi = lo + 5;
    dir = mkdtempSync(join(tmpdir(), 'governor-up-signal-'));
    const config = join(dir, 'governor.yaml');
    writeFileSync(
      config,
      readFileSync(template, 'utf8')
        .replaceAll('__API_PORT__', String(apiPort))
        .replaceAll('__PROXY_PORT__', String(await freePort()))
        .replaceAll('__PORT_LO__', String(lo))
        .replaceAll('__PORT_HI__', String(hi)),
    );
    const child = spawn(
      process.execPath,
      [
        '--conditions=governor-source',
        '--import',
        'tsx',
        'services/cli/src/main.ts',
        'up',
        '-c',
        config,
        '--log-file',
        join(dir, 'up.log'),
      ],
      { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    up = child;
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${apiPort}/readyz`).catch(() => undefined))?.status, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(200);
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
