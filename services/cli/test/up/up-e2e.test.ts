import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@governor/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadDriver } from '../../src/up/load-driver.js';
import { instanceProcesses } from './instance-processes.js';
import { stopProcess } from './up-process.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const template = fileURLToPath(new URL('./fixtures/up-e2e.template.yaml', import.meta.url));
const MIN = 1;
const MAX = 4;
const SLO_SECONDS = 0.25;
const STABILIZATION_MS = 4000;
/** Machines the policy needs at the high rate: ceil(90 rps / 35 per machine). */
const NEEDED_AT_HIGH = 3;

interface AppView {
  current: number;
  desired?: number;
  stats?: { latency: { p99?: number } };
  machines: Array<{ id: string; state: string; address?: string }>;
}
interface Record_ {
  id: string;
  at: number;
  outcome: string;
  disposition: string;
  current: number;
  target?: Record<string, number>;
  explanation: string;
  action?: { result: string; steps: Array<{ action: string; result: string }> };
}

describe('governor up, end to end (real processes, compressed timeline)', () => {
  let dir: string;
  let up: ChildProcess;
  let api: string;
  let proxy: string;
  let portLo: number;
  let portHi: number;
  let stderr = '';

  beforeAll(async () => {
    const [apiPort, proxyPort] = [await freePort(), await freePort()];
    portLo = 20_000 + Math.floor(Math.random() * 20_000);
    portHi = portLo + 20;
    dir = mkdtempSync(join(tmpdir(), 'governor-up-e2e-'));
    const config = join(dir, 'governor.yaml');
    writeFileSync(
      config,
      readFileSync(template, 'utf8')
        .replaceAll('__API_PORT__', String(apiPort))
        .replaceAll('__PROXY_PORT__', String(proxyPort))
        .replaceAll('__PORT_LO__', String(portLo))
        .replaceAll('__PORT_HI__', String(portHi)),
    );
    api = `http://127.0.0.1:${apiPort}`;
    proxy = `http://127.0.0.1:${proxyPort}/`;
    up = spawn(
      process.execPath,
      [
        '--conditions=governor-source',
        '--import',
        'tsx',
        'services/cli/src/main.ts',
        'up',
        '--config',
        config,
        '--log-file',
        join(dir, 'up.log'),
      ],
      { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    up.stdout?.resume();
    up.stderr?.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
  });

  // Stops up (and so its instances) when a test failed or timed out before it did.
  afterAll(async () => {
    if (up) await stopProcess(up);
    for (const pid of instanceProcesses(portLo, portHi)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const logTail = () => {
    try {
      return readFileSync(join(dir, 'up.log'), 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(api + path);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const view = () => get<AppView>('/v1/apps/demo');
  const decisions = async () =>
    (await get<{ decisions: Record_[] }>('/v1/decisions?app=demo&limit=5000')).decisions;

  it('grows under a load step until p99 is back under the SLO, shrinks after it, stays in bounds, and stops cleanly', async () => {
    // Quiet: the fleet comes up to min and serves.
    await expect
      .poll(
        async () => {
          const v = await view().catch(() => undefined);
          return v?.machines.filter((m) => m.state === 'started').length;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe(MIN)
      .catch((err: unknown) => {
        throw new Error(`fleet did not come up; governor up said:\n${stderr}\nlog:\n${logTail()}`, {
          cause: err,
        });
      });
    let rate = 10;
    const load = new LoadDriver({ url: proxy, rate: () => rate });
    load.start();
    await expect
      .poll(async () => (await view()).stats?.latency.p99, { timeout: 30_000, interval: 250 })
      .toBeDefined();

    // Step up: about 90 rps, where one instance serves about 40.
    rate = 90;
    await expect
      .poll(
        async () => {
          const v = await view();
          return v.current >= 3 && (v.stats?.latency.p99 ?? Number.POSITIVE_INFINITY) < SLO_SECONDS;
        },
        { timeout: 45_000, interval: 250 },
      )
      .toBe(true);
    const peak = (await view()).current;
    expect(peak).toBeGreaterThanOrEqual(3);

    // Step down: the fleet shrinks, but only after the stabilization window. The latency
    // target's capacity model keeps headroom for the noise it has just seen (the step
    // itself) and waits for the fall to settle before one step down, so on a busy
    // machine this can take most of a minute; the bound is liveness, not speed.
    rate = 10;
    const droppedAt = Date.now();
    await expect
      .poll(async () => (await view()).current, { timeout: 120_000, interval: 250 })
      .toBeLessThan(NEEDED_AT_HIGH)
      .catch(async (err: unknown) => {
        const ds = await decisions();
        console.log(
          ds
            .slice(0, 12)
            .map((d) => `${d.at} ${d.current} ${d.explanation}`)
            .join('\n'),
        );
        throw err;
      });
    await load.stop();
    expect(load.stats.sent).toBeGreaterThan(0);

    const all = await decisions();
    // At 90 rps the policy needs 3 machines (rps target 35 each), so every recommendation until the drop
    // was at least 3: going below 3 must wait a whole stabilization window after the last of them
    // (one tick, 500 ms, before the drop at the earliest).
    const total = (d: Record_) => Object.values(d.target ?? {}).reduce((a, b) => a + b, 0);
    const firstBelow = all
      .filter(
        (d) => d.outcome === 'scale_down' && d.target && total(d) < NEEDED_AT_HIGH && d.at >= droppedAt - 500,
      )
      .sort((a, b) => a.at - b.at)[0];
    expect(firstBelow, 'a scale-down below the high-load size').toBeDefined();
    expect((firstBelow?.at ?? 0) - droppedAt).toBeGreaterThanOrEqual(STABILIZATION_MS - 500);

    // Never outside [min, max]: every target handed to the provider, and every count observed.
    for (const d of all) {
      if (d.target) {
        const total = Object.values(d.target).reduce((a, b) => a + b, 0);
        expect(total, d.explanation).toBeGreaterThanOrEqual(MIN);
        expect(total, d.explanation).toBeLessThanOrEqual(MAX);
      }
      expect(d.current).toBeLessThanOrEqual(MAX);
    }

    // Every action is traceable to a recorded decision: the provider actions the daemon counted
    // are exactly the steps attached to decision records.
    const metrics = await (await fetch(`${api}/metrics`)).text();
    const counted = (action: string) =>
      [
        ...metrics.matchAll(
          new RegExp(`governor_actions_total\\{app="demo",action="${action}",result="ok"\\} (\\d+)`, 'g'),
        ),
      ]
        .map((m) => Number(m[1]))
        .reduce((a, b) => a + b, 0);
    const recorded = (action: string) =>
      all.flatMap((d) => d.action?.steps ?? []).filter((s) => s.action === action && s.result === 'ok')
        .length;
    expect(recorded('create')).toBeGreaterThanOrEqual(2);
    expect(recorded('create')).toBe(counted('create'));
    expect(recorded('destroy')).toBe(counted('destroy'));
    for (const d of all.filter((x) => (x.action?.steps.length ?? 0) > 0)) {
      expect(['enqueued', 'override']).toContain(d.disposition);
    }

    // Ctrl-C: everything stops, instances included.
    const running = (await view()).machines.filter((m) => m.state === 'started');
    expect(running.length).toBeGreaterThanOrEqual(1);
    expect(instanceProcesses(portLo, portHi).length).toBeGreaterThanOrEqual(running.length);
    up.kill('SIGINT');
    const [code] = (await once(up, 'exit')) as [number | null];
    expect(code, stderr).toBe(0);
    expect(instanceProcesses(portLo, portHi)).toEqual([]);
  }, 300_000);
});
