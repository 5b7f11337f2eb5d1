import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@governor/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from './helpers/app-process.js';
import { startOtlpReceiver } from './helpers/otlp-receiver.js';
import { until } from './helpers/wait.js';

const PKG = fileURLToPath(new URL('../', import.meta.url));
// Inside the package: the bundle loads the OpenTelemetry SDK from the package's node_modules.
const BUNDLE = fileURLToPath(new URL(`../dist/test-bundle-${process.pid}.mjs`, import.meta.url));

/** Runs the bundle under plain node: no TypeScript loader, no export conditions. */
function runBundle(args: string[], env: Record<string, string> = {}): ChildProcess {
  const { NODE_OPTIONS: _drop, ...rest } = process.env;
  return spawn(process.execPath, [BUNDLE, ...args], {
    cwd: '/',
    env: { ...rest, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

describe('the bundled collector (what the image runs)', () => {
  let app: AppProcess;
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/bundle.mjs', '--out', BUNDLE], { cwd: PKG, stdio: 'pipe' });
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(BUNDLE, { force: true });
  });

  it('scrapes under plain node, serves /readyz and /metrics, exports traces, and exits 0 on SIGTERM', async () => {
    const receiver = await startOtlpReceiver();
    const endpoint = receiver.endpoint;
    const port = await freePort();
    const child = runBundle(
      ['--app', 'web', '--target', app.metricsUrl, '--listen', `127.0.0.1:${port}`, '--host-stats', 'none'],
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging, service.namespace=shop%2Cweb',
        LOG_LEVEL: 'warn',
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exit = exited(child);
    try {
      await until(async () => {
        const r = await fetch(`http://127.0.0.1:${port}/readyz`);
        return r.ok ? true : undefined;
      }, `/readyz of the bundle (stderr: ${stderr})`);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/governor_scrape_up\{[^}]*\} 1/);
      expect(metrics).toMatch(/governor_scrape_series\{[^}]*\} [1-9]/);
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      // The SDK was loaded from outside the bundle and flushed its spans on shutdown.
      const spans = receiver.bodies.join('\n');
      expect(spans).toContain('collector.scrape');
      // The resource: OTEL_RESOURCE_ATTRIBUTES (percent-decoded) and the package's version.
      const attr = (k: string, v: string) =>
        new RegExp(`"key":"${k.replaceAll('.', '\\.')}","value":\\{"stringValue":"${v}"\\}`);
      expect(spans).toMatch(attr('deployment.environment', 'staging'));
      expect(spans).toMatch(attr('service.namespace', 'shop,web'));
      expect(spans).toMatch(attr('service.name', 'governor-collector'));
      const { version } = JSON.parse(readFileSync(`${PKG}package.json`, 'utf8')) as { version: string };
      expect(spans).toMatch(attr('service.version', version));
      expect(stderr).not.toMatch(/Cannot find module/);
    } finally {
      child.kill('SIGKILL');
      await receiver.close();
    }
  });
});
