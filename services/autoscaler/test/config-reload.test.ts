import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryBus } from '@governor/bus';
import { FakeProvider } from '@governor/provider-emulators/fake';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { Autoscaler } from '../src/autoscaler.js';
import { configFileLoader } from '../src/config-file-loader.js';
import { fixedDecide } from './fixtures/test-config.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/reload/${name}`, import.meta.url));
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function start() {
  const dir = mkdtempSync(join(tmpdir(), 'governor-reload-'));
  const path = join(dir, 'governor.yaml');
  copyFileSync(fixture('valid.yaml'), path);
  const load = configFileLoader({});
  const first = await load(path);
  if (!first.ok) throw new Error(first.issues.join('\n'));
  const a = new Autoscaler({
    config: first.config,
    configHash: first.hash,
    configPath: path,
    loadConfig: load,
    providers: { local: new FakeProvider() },
    bus: new MemoryBus(),
    decide: fixedDecide(() => 2),
  });
  const api = await buildApi({ autoscaler: a });
  cleanup.push(async () => {
    await api.close();
    await a.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { a, api, path, firstHash: first.hash };
}

describe('config reload', () => {
  it('keeps running on the old config when the file becomes invalid, and reports it (log, API, metric)', async () => {
    const { a, api, path, firstHash } = await start();
    a.start();
    await expect.poll(() => a.decisions.list({ app: 'web' }).length, { timeout: 5000 }).toBeGreaterThan(0);

    copyFileSync(fixture('invalid-unknown-key.yaml'), path);
    await expect.poll(() => a.reloadStatus?.ok, { timeout: 5000 }).toBe(false);
    expect(a.reloadStatus?.issues.join('\n')).toContain('apps[0].maxx: unknown key "maxx"');
    expect(a.configHash).toBe(firstHash);
    expect(a.requireApp('web').policy.max).toBe(5);
    const metrics = await a.metrics.registry.metrics();
    expect(metrics).toContain('governor_config_last_reload_success 0');
    const status = (await api.inject({ method: 'GET', url: '/v1/config' })).json() as {
      hash: string;
      lastReload: { ok: boolean; issues: string[] };
    };
    expect(status.hash).toBe(firstHash);
    expect(status.lastReload.ok).toBe(false);

    // Still deciding on the old config.
    const before = a.decisions.list({ app: 'web' }).length;
    await expect
      .poll(() => a.decisions.list({ app: 'web' }).length, { timeout: 5000 })
      .toBeGreaterThan(before);

    // A valid file is picked up again.
    copyFileSync(fixture('valid-max-7.yaml'), path);
    await expect.poll(() => a.reloadStatus?.ok, { timeout: 5000 }).toBe(true);
    expect(a.requireApp('web').policy.max).toBe(7);
    expect(a.configHash).not.toBe(firstHash);
    expect(await a.metrics.registry.metrics()).toContain('governor_config_last_reload_success 1');
  });

  it('reloads on demand (SIGHUP path) and keeps history, pause and override of apps across reloads', async () => {
    const { a, path } = await start();
    await a.tickOnce();
    const web = a.requireApp('web');
    web.pause = { at: 1, reason: 'kept' };
    const historyBefore = web.history;
    copyFileSync(fixture('valid-max-7.yaml'), path);
    const status = await a.reload();
    expect(status.ok).toBe(true);
    expect(a.requireApp('web')).toBe(web);
    expect(web.pause?.reason).toBe('kept');
    expect(web.history).toBe(historyBefore);
    expect(readFileSync(path, 'utf8')).toContain('max: 7');
  });
});
