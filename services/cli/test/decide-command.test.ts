import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDecideInput } from '../src/commands/decide.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const EXAMPLES = join(ROOT, 'examples/decide');
const tmp = mkdtempSync(join(tmpdir(), 'governor-decide-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function governor(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--conditions=governor-source', '--import', 'tsx', 'services/cli/src/main.ts', ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
}

describe('governor decide', () => {
  it('prints the Decision JSON for an inline policy in config syntax', () => {
    const r = governor('decide', '--input', join(EXAMPLES, 'cpu-scale-up.json'));
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ version: 1, app: 'web', current: 3, desired: 4, outcome: 'scale_up' });
    expect(d.inputs.policy.targets[0]).toEqual({ type: 'cpu', utilization: 0.6 });
    expect(d.steps.at(-1).reason).toBe('ScaleUpLimit');
  });

  it('--explain prints the explanation, every proposal and step, and at least what decide prints', () => {
    const input = join(EXAMPLES, 'latency-slo.json');
    const plain = governor('decide', '--input', input);
    const r = governor('decide', '--input', input, '--explain');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      // A first decision: the capacity model has one window, so the breach takes a bounded step.
      /p99 .*ms vs SLO 250ms x 0.8 -> ratio .*; capacity not learned yet \(1\/12 windows\) -> bounded step 2x 2 = 4; api: 3 -> 4 machines/,
    );
    expect(r.stdout).toMatch(/^ {2}proposal latency:p99 \(ok\): /m);
    expect(r.stdout).toMatch(/^ {2}step capacity CapacityLearning: /m);
    expect(r.stdout).toMatch(/^ {2}step rate DesiredWithinRange: 4 -> 4: /m);
    expect(r.stdout.endsWith(plain.stdout)).toBe(true);
  });

  it('a @daily schedule raises the floor in the command too (the macro validate accepts is the one decide applies)', () => {
    const input = join(tmp, 'daily-floor.json');
    writeFileSync(
      input,
      JSON.stringify({
        policy: {
          name: 'shop',
          min: 1,
          max: 10,
          targets: [{ type: 'cpu', utilization: '65%' }],
          schedules: [{ name: 'daily-floor', cron: '@daily', timezone: 'UTC', duration: '24h', min: 3 }],
        },
        observations: {
          app: 'shop',
          machines: [
            { id: 's1', region: 'ams', running: true, ready: true, metrics: { cpu: 0.3 } },
            { id: 's2', region: 'ams', running: true, ready: true, metrics: { cpu: 0.3 } },
          ],
        },
        now: '2026-03-02T09:30:00Z',
      }),
    );
    const r = governor('decide', '--input', input);
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.bounds).toMatchObject({ min: 3, schedule: ['daily-floor'] });
    expect(d.desired).toBe(3);
  });

  it('exits 1 and names the path and a suggestion for an invalid policy', () => {
    const r = governor('decide', '--input', join(EXAMPLES, 'invalid-policy.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /policy\.targets\[0\]\.utilisation: unknown key "utilisation" \(did you mean "utilization"\?\)/,
    );
    expect(r.stdout).toBe('');
  });

  it('exits 2 without --input', () => {
    const r = governor('decide');
    expect(r.status).toBe(2);
  });

  it('--help explains the input format, options and exit codes', () => {
    const r = governor('decide', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--input <file>/);
    expect(r.stdout).toMatch(/--explain/);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/Exits 0 with a decision, 1 when the input is invalid, 2 on a usage error/);
  });
});

describe('decide input', () => {
  it('accepts {config, app} instead of an inline policy, relative to the input file', () => {
    const r = readDecideInput(join(EXAMPLES, 'config-reference.json'));
    expect(r.ok, r.ok ? '' : r.problems.join('\n')).toBe(true);
    if (r.ok) expect(r.input.policy.name).toBe('demo');
  });

  it('reports an unknown app of a referenced config', () => {
    const file = join(tmp, 'unknown-app.json');
    writeFileSync(
      file,
      JSON.stringify({
        policy: { config: join(ROOT, 'examples/governor.yaml'), app: 'nope' },
        observations: { machines: [] },
        now: 0,
      }),
    );
    const r = readDecideInput(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join('\n')).toMatch(/no app named "nope" \(apps: demo\)/);
  });

  it('reports malformed JSON, observations, now and history together', () => {
    const bad = join(tmp, 'bad-json.json');
    writeFileSync(bad, '{ nope');
    const r1 = readDecideInput(bad);
    expect(r1.ok).toBe(false);
    const file = join(tmp, 'bad-fields.json');
    writeFileSync(
      file,
      JSON.stringify({
        policy: { name: 'x', min: 1, max: 2, targets: [] },
        observations: {},
        now: 'yesterday',
        history: { version: 2 },
      }),
    );
    const r2 = readDecideInput(file);
    expect(r2.ok).toBe(false);
    if (!r2.ok) {
      const text = r2.problems.join('\n');
      expect(text).toMatch(/observations\.machines: expected an array/);
      expect(text).toMatch(/"now" must be/);
      expect(text).toMatch(/"history" must be/);
    }
  });
});

describe('decide input observations', () => {
  const policy = { name: 'web', min: 1, max: 5, targets: [{ type: 'cpu', utilization: '60%' }] };

  function inputFile(name: string, body: unknown): string {
    const path = join(tmp, name);
    writeFileSync(path, JSON.stringify(body));
    return path;
  }

  it('names every malformed machine field by its path instead of deciding on it', () => {
    const file = inputFile('bad-observations.json', {
      policy,
      now: 'not a time',
      observations: {
        edgeRps: -3,
        machines: [
          { id: 'm1', region: 'ams', running: 'yes', ready: true, metrics: { cpu: 'high' } },
          {
            id: '',
            region: 'ams',
            running: true,
            ready: true,
            metrics: {
              latency: { kind: 'buckets', bounds: [0.2, 0.1], cumulative: [1], count: 1, sum: 0.1 },
            },
          },
          7,
        ],
      },
    });
    const result = readDecideInput(file);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.map((p) => p.slice(file.length + 2));
    expect(problems).toEqual([
      'observations.edgeRps: expected a number >= 0, got -3',
      'observations.machines[0].running: expected true or false, got "yes"',
      'observations.machines[0].metrics.cpu: expected a number >= 0, got "high"',
      'observations.machines[1].id: expected a non-empty string',
      'observations.machines[1].metrics.latency.cumulative: expected 2 counts (one per bound)',
      'observations.machines[1].metrics.latency.bounds: bounds must be strictly ascending',
      'observations.machines[2]: expected an object, got 7',
      '"now" must be ms since the epoch or an ISO 8601 time',
    ]);
  });

  it('accepts well-formed observations', () => {
    const file = inputFile('good-observations.json', {
      policy,
      now: 1_700_000_000_000,
      observations: {
        machines: [
          { id: 'm1', region: 'ams', running: true, ready: true, metrics: { cpu: 0.9, custom: { q: 3 } } },
        ],
      },
    });
    const result = readDecideInput(file);
    expect(result.ok, result.ok ? '' : result.problems.join('\n')).toBe(true);
  });
});
