import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CONFIG = join(ROOT, 'packages/simulator/test/fixtures/policy.cpu-target.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'governor-simulate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** Tests that spawn the CLI several times: each spawn may take up to its own 120 s timeout on a busy machine. */
const SPAWNS_TIMEOUT = 240_000;

function governor(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--conditions=governor-source', '--import', 'tsx', 'services/cli/src/main.ts', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
}

/** One hour of 10 s rows: 30 req/s, a 15-minute step to 150, and a masked stretch. */
function writeTrace(name: string): string {
  const rows = ['t_seconds,requests_per_second'];
  for (let t = 0; t < 3600; t += 10)
    rows.push(`${t},${t >= 3000 && t < 3100 ? 'mask' : t >= 1200 && t < 2100 ? 150 : 30}`);
  const path = join(tmp, name);
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

describe('governor simulate', () => {
  const trace = writeTrace('step.csv');

  it('prints the scorecard of the policy and the three baselines', () => {
    const r = governor('simulate', '--trace', trace, '--config', CONFIG, '--no-progress');
    expect(r.status, r.stderr).toBe(0);
    for (const name of ['web (policy)', 'hpa-default', 'fly-autoscaler', 'oracle'])
      expect(r.stdout).toContain(name);
    expect(r.stdout).toContain('10 masked');
  });

  it('--json prints the same scorecards as JSON, and --html writes a self-contained report', () => {
    const html = join(tmp, 'report.html');
    const r = governor(
      'simulate',
      '--trace',
      trace,
      '--config',
      CONFIG,
      '--json',
      '--html',
      html,
      '--peak-machines',
      '10',
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.version).toBe(1);
    expect(out.scorecards.map((c: { policy: string }) => c.policy)).toEqual([
      'web',
      'hpa-default',
      'fly-autoscaler',
      'oracle',
    ]);
    expect(out.scorecards[0]).toHaveProperty('sloViolationSeconds');
    expect(out.scorecards[0]).toHaveProperty('machineSeconds');
    expect(out.series).toBeUndefined();
    expect(out.scorecards[0].scoredSeconds).toBe(3500);
    expect(out.trace.maskedRows).toBe(10);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);
    // Not a TTY: progress comes as plain lines.
    expect(r.stderr).toMatch(/simulate: web 100%/);
  });

  it("warns when the trace's peak needs more machines than the app's max, and not otherwise", () => {
    const over = governor(
      'simulate',
      '--trace',
      trace,
      '--config',
      CONFIG,
      '--no-progress',
      '--peak-machines',
      '60',
    );
    expect(over.status, over.stderr).toBe(0);
    expect(over.stderr).toMatch(
      /warning: the trace's peak \(.* req\/s\) needs 60 machines at the SLO but the app's max is 40/,
    );
    const within = governor(
      'simulate',
      '--trace',
      trace,
      '--config',
      CONFIG,
      '--no-progress',
      '--peak-machines',
      '2',
    );
    expect(within.status, within.stderr).toBe(0);
    expect(within.stderr).not.toContain('warning');
  });

  it('exits 1 on a malformed trace and on an invalid config', () => {
    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, '0,1\n10,1\n25,1\n');
    const r = governor('simulate', '--trace', bad, '--config', CONFIG, '--no-progress');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('GOV_CLI_INVALID_TRACE');
    const badConfig = join(tmp, 'bad.yaml');
    writeFileSync(badConfig, 'version: 1\napps: 3\n');
    expect(governor('simulate', '--trace', trace, '--config', badConfig).status).toBe(1);
  });

  it('says why a trace cannot be read', () => {
    const missing = governor('simulate', '--trace', join(tmp, 'absent.csv'), '--config', CONFIG);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(
      `GOV_CLI_INVALID_TRACE: cannot read trace ${join(tmp, 'absent.csv')}: no such file`,
    );
    const dir = governor('simulate', '--trace', tmp, '--config', CONFIG);
    expect(dir.status).toBe(1);
    expect(dir.stderr).toContain('it is a directory');
  });

  it(
    'exits 2 on a usage error',
    () => {
      expect(governor('simulate', '--trace', trace).status).toBe(2);
      expect(governor('simulate', '--trace', trace, '--config', CONFIG, '--peak-machines', '-3').status).toBe(
        2,
      );
      expect(governor('simulate', '--trace', trace, '--config', CONFIG, '--baselines', 'nope').status).toBe(
        2,
      );
      const tick = governor('simulate', '--trace', trace, '--config', CONFIG, '--tick', '0');
      expect(tick.status).toBe(2);
      expect(tick.stderr).toContain('--tick must be a number > 0');
    },
    SPAWNS_TIMEOUT,
  );

  it(
    "--frontier --json adds HPA's frontier and each scorecard's iso-SLO and oracle costs, byte for byte the same every run",
    () => {
      const args = [
        'simulate',
        '--trace',
        trace,
        '--config',
        CONFIG,
        '--peak-machines',
        '10',
        '--frontier',
        '--json',
      ];
      const a = governor(...args, '--no-progress');
      expect(a.status, a.stderr).toBe(0);
      const out = JSON.parse(a.stdout);
      expect(out.hpaFrontier.map((p: { cpuTarget: number }) => p.cpuTarget)).toEqual([
        0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
      ]);
      expect(Object.keys(out.hpaFrontier[0])).toEqual([
        'cpuTarget',
        'machineSeconds',
        'sloViolationMinuteShare',
      ]);
      for (const card of out.scorecards) {
        expect(card.isoSloCostVsHpa).toBeGreaterThan(0);
        expect(typeof card.beyondFrontier).toBe('boolean');
        expect(card.costVsOracle).toBeGreaterThan(0);
      }
      const oracle = out.scorecards.find((c: { policy: string }) => c.policy === 'oracle');
      expect(oracle.costVsOracle).toBe(1);
      const b = governor(...args, '--no-progress');
      expect(b.stdout).toBe(a.stdout);
    },
    SPAWNS_TIMEOUT,
  );

  it(
    '--frontier prints the relative-cost columns and the frontier table',
    () => {
      const table = governor('simulate', '--trace', trace, '--config', CONFIG, '--frontier', '--no-progress');
      expect(table.status, table.stderr).toBe(0);
      expect(table.stdout).toContain('iso-SLO vs HPA');
      expect(table.stdout).toMatch(/hpa CPU target[\s\S]*\n40% [\s\S]*\n90% /);
    },
    SPAWNS_TIMEOUT,
  );

  it(
    '--baselines ...,reactive-ideal prints the ideal fleet one tick late per hold, and --json carries it',
    () => {
      const args = ['simulate', '--trace', trace, '--config', CONFIG, '--baselines', 'oracle,reactive-ideal'];
      const table = governor(...args, '--no-progress');
      expect(table.status, table.stderr).toBe(0);
      expect(table.stdout).toMatch(/reactive-ideal \(the ideal fleet one tick late[^\n]*\n {2}hold {5}0s/);
      expect(table.stdout).toMatch(
        /hold {2}1800s {2}machine-s +[\d,]+ {2}vs oracle \d+\.\d\d {2}viol\. % min \d+\.\d\d%/,
      );
      const json = JSON.parse(governor(...args, '--json', '--no-progress').stdout);
      expect(json.reactiveIdeal.map((p: { holdSeconds: number }) => p.holdSeconds)).toEqual([
        0, 60, 300, 600, 1800,
      ]);
    },
    SPAWNS_TIMEOUT,
  );

  it('--help explains --frontier', () => {
    const r = governor('simulate', '--help');
    expect(r.stdout).toMatch(/--frontier\s+also run the hpa-frontier baseline/);
    expect(r.stdout).toContain('isoSloCostVsHpa');
  });
});
