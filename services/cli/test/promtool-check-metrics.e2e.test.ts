import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePromtool, freePort } from '@governor/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopProcess } from './up/up-process.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = ['--conditions=governor-source', '--import', 'tsx'];

function start(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [...TSX, ...args], {
    cwd: repo,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (b: Buffer) => {
    err += b.toString();
  });
  return { child, stderr: () => err };
}

/** `promtool check metrics` on an exposition: its exit status and everything it printed. */
function promtoolCheck(text: string): { ok: boolean; output: string } {
  const run = spawnSync(ensurePromtool(), ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

describe('promtool check metrics on the live /metrics of real processes', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  let upUrl: string;
  let collectorUrl: string;
  let stderr: () => string = () => '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'governor-promtool-'));
    const [apiPort, proxyPort, appPort, collectorPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const portLo = 20_000 + Math.floor(Math.random() * 20_000);
    const config = join(dir, 'governor.yaml');
    writeFileSync(
      config,
      `version: 1
daemon: { listen: "127.0.0.1:${apiPort}", tickInterval: 500ms, logLevel: warn }
collector: { scrapeInterval: 250ms, scrapeTimeout: 200ms, window: 1s, jitter: 0 }
providers:
  local:
    type: local
    command: node
    args: ["--import", "tsx", "examples/demo-app/src/main.ts"]
    portRange: [${portLo}, ${portLo + 10}]
    proxyListen: "127.0.0.1:${proxyPort}"
apps:
  - name: demo
    provider: local
    min: 1
    max: 2
    targets:
      - { type: latency, quantile: p99, slo: 250ms }
      - { type: cpu, utilization: 70% }
    metrics: { latencyHistogram: http_request_duration_seconds, statusLabel: status_code }
alerting:
  runbookBaseUrl: https://git.example.com/ops/governor/blob/main/docs/runbooks
`,
    );
    // The autoscaler's API under `governor up` (its daemon, collectors and instances in one process tree).
    const up = start(['services/cli/src/main.ts', 'up', '--config', config, '--demo'], { LOG_LEVEL: 'warn' });
    children.push(up.child);
    stderr = up.stderr;
    upUrl = `http://127.0.0.1:${apiPort}/metrics`;
    // A sidecar collector process against a demo app process.
    const app = start(['examples/demo-app/src/main.ts'], { PORT: String(appPort), HOST: '127.0.0.1' });
    children.push(app.child);
    const collector = start([
      'services/collector/src/main.ts',
      '--app',
      'demo',
      '--target',
      `http://127.0.0.1:${appPort}/metrics`,
      '--listen',
      `127.0.0.1:${collectorPort}`,
      '--host-stats',
      `process:${app.child.pid}`,
    ]);
    children.push(collector.child);
    collectorUrl = `http://127.0.0.1:${collectorPort}/metrics`;
  });

  // Runs whether the tests passed, failed or timed out; waits for every process (and so for up's instances).
  afterAll(async () => {
    await Promise.all(children.map(stopProcess));
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const fetchWhen = async (url: string, ready: (text: string) => boolean): Promise<string> => {
    let text = '';
    await expect
      .poll(
        async () => {
          text = await fetch(url)
            .then((r) => (r.ok ? r.text() : ''))
            .catch(() => '');
          return ready(text);
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true)
      .catch((err: unknown) => {
        throw new Error(`${url} never ready; last:\n${text.slice(0, 2000)}\nstderr:\n${stderr()}`, {
          cause: err,
        });
      });
    return text;
  };

  it('the autoscaler: no warnings, percentile-labelled gauges, _ratio names, process and nodejs metrics', async () => {
    const text = await fetchWhen(
      upUrl,
      (t) => t.includes('governor_app_latency_seconds{') && t.includes('governor_app_cpu_utilization_ratio{'),
    );
    const check = promtoolCheck(text);
    expect(check.output).toBe('');
    expect(check.ok).toBe(true);
    expect(text).toContain('governor_app_slo_seconds{app="demo",percentile="p99"} 0.25');
    expect(text).not.toMatch(/quantile="/);
    for (const m of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
    ])
      expect(text).toContain(`# TYPE ${m} `);
  }, 90_000);

  it('the collector: no warnings, request counters instead of per-second gauges, I/O byte counters, process and nodejs metrics', async () => {
    // Network and disk counters appear with the second host reading (the first window's end).
    const text = await fetchWhen(
      collectorUrl,
      (t) =>
        t.includes('governor_instance_requests_total{') &&
        t.includes('governor_instance_network_receive_bytes_total{'),
    );
    const check = promtoolCheck(text);
    expect(check.output).toBe('');
    expect(check.ok).toBe(true);
    expect(text).toContain('# TYPE governor_instance_requests_total counter');
    // Disk bytes need the kernel's /proc/<pid>/io; without it the collector exports no disk series.
    const io = existsSync('/proc/self/io') ? ['disk_read', 'disk_written'] : [];
    for (const m of ['network_receive', 'network_transmit', ...io]) {
      expect(text).toContain(`# TYPE governor_instance_${m}_bytes_total counter`);
      expect(text).toMatch(
        new RegExp(`^governor_instance_${m}_bytes_total\\{app="demo",[^}]*\\} \\d+$`, 'm'),
      );
    }
    expect(text).toMatch(
      /^governor_instance_connections\{app="demo",instance="[^"]+",region="[^"]+"\} \d+$/m,
    );
    expect(text).not.toContain('requests_per_second');
    expect(text).not.toMatch(/quantile="/);
    for (const m of ['process_cpu_seconds_total', 'nodejs_heap_size_used_bytes'])
      expect(text).toContain(`# TYPE ${m} `);
  }, 90_000);
});
