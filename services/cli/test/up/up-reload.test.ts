import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnUp, stopProcess, waitReady, writeUpConfig } from './up-process.js';

describe('governor up reloads its config file when it changes', () => {
  let dir: string;
  let up: ChildProcess | undefined;

  // Stops up (and so its instances) when a test failed or timed out before it did.
  afterAll(async () => {
    if (up) await stopProcess(up);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('keeps running on the old config when the file became invalid, and reports it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'governor-up-reload-'));
    const { file, text: valid, apiPort } = await writeUpConfig(dir);
    const child = spawnUp(dir, file);
    up = child;
    child.stderr?.resume();
    const api = `http://127.0.0.1:${apiPort}`;
    const config = async () =>
      (await (await fetch(`${api}/v1/config`)).json()) as {
        hash: string;
        lastReload: { ok: boolean; issues: string[] } | null;
      };
    await waitReady(apiPort);
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
