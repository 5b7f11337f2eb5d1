import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@governor/testkit';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const template = fileURLToPath(new URL('./fixtures/up-e2e.template.yaml', import.meta.url));

describe('governor up reloads its config file when it changes', () => {
  let dir: string;
  let up: ChildProcess | undefined;

  afterAll(async () => {
    if (up && up.exitCode === null && up.signalCode === null) {
      up.kill('SIGKILL');
      await once(up, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps running on the old config when the file became invalid, and reports it', async () => {
    const apiPort = await freePort();
    const lo = 40_000 + Math.floor(Math.random() * 10_000);
    dir = mkdtempSync(join(tmpdir(), 'governor-up-reload-'));
    const file = join(dir, 'governor.yaml');
    const valid = readFileSync(template, 'utf8')
      .replaceAll('__API_PORT__', String(apiPort))
      .replaceAll('__PROXY_PORT__', String(await freePort()))
      .replaceAll('__PORT_LO__', String(lo))
      .replaceAll('__PORT_HI__', String(lo + 5));
    writeFileSync(file, valid);
    const child = spawn(
      process.execPath,
      [
        '--conditions=governor-source',
        '--import',
        'tsx',
        'services/cli/src/main.ts',
        'up',
        '-c',
        file,
        '--log-file',
        join(dir, 'up.log'),
      ],
      { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    up = child;
    child.stderr?.resume();
    const api = `http://127.0.0.1:${apiPort}`;
    const config = async () =>
      (await (await fetch(`${api}/v1/config`)).json()) as {
        hash: string;
        lastReload: { ok: boolean; issues: string[] } | null;
      };
    await expect
      .poll(async () => (await fetch(`${api}/readyz`).catch(() => undefined))?.status, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(200);
    const before = await config();
    expect(before.lastReload).toBeNull();

    writeFileSync(file, valid.replace('    max: 4', '    maxx: 4'));
    await expect
      .poll(async () => (await config()).lastReload?.ok, { timeout: 10_000, interval: 100 })
      .toBe(false);
    const after = await config();
    expect(after.hash).toBe(before.hash);
    expect(after.lastReload?.issues.join('\n')).toContain('maxx');
    expect(await (await fetch(`${api}/metrics`)).text()).toContain('governor_config_last_reload_success 0');
    expect((await fetch(`${api}/healthz`)).status).toBe(200);

    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 90_000);
});
