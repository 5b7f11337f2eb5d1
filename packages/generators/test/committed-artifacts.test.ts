import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureAmtool } from '@governor/testkit';
import { describe, expect, it } from 'vitest';
import { generateFromFile } from '../src/generate-from-file.js';
import { diffArtifacts } from '../src/write-artifacts.js';
import { promtool } from './support/promtool.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE = `${ROOT}examples/governor.yaml`;

describe('committed alerts/ and dashboards/ match examples/governor.yaml', () => {
  const generated = generateFromFile(EXAMPLE, ROOT);

  it('the example config is valid', () => {
    expect(generated.ok, generated.ok ? '' : JSON.stringify(generated.issues, null, 2)).toBe(true);
  });

  it('regenerating changes no committed file, misses none and leaves no stale one (run `pnpm generate`)', () => {
    if (!generated.ok) throw new Error('example config invalid');
    expect(generated.source).toBe('examples/governor.yaml');
    for (const f of generated.files) {
      expect(readFileSync(`${ROOT}${f.path}`, 'utf8'), `${f.path} differs: run \`pnpm generate\``).toBe(
        f.content,
      );
    }
    expect(diffArtifacts(generated.files, ROOT)).toEqual({ changed: [], missing: [], stale: [] });
  });
});

describe('committed rule files pass the real promtool', () => {
  const rules = readdirSync(`${ROOT}alerts`).filter((f) => f.endsWith('.yml'));
  const tests = readdirSync(`${ROOT}alerts/tests`).filter((f) => f.endsWith('.test.yml'));

  it('promtool check rules alerts/*.yml', () => {
    expect(rules.length).toBeGreaterThan(0);
    const run = promtool(['check', 'rules', ...rules.map((f) => `alerts/${f}`)], ROOT);
    expect(run.ok, run.output).toBe(true);
  });

  it('promtool test rules alerts/tests/*.test.yml', () => {
    expect(tests.map((f) => f.replace('.test.yml', '.yml')).sort()).toEqual([...rules].sort());
    const run = promtool(['test', 'rules', ...tests.map((f) => `alerts/tests/${f}`)], ROOT);
    expect(run.ok, run.output).toBe(true);
  });
});

describe('examples/alertmanager.yml', () => {
  const amtool = (...args: string[]) =>
    execFileSync(ensureAmtool(), args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  it('passes amtool check-config', () => {
    expect(amtool('check-config', 'examples/alertmanager.yml')).toContain('SUCCESS');
  });

  it.each([
    ['severity=critical', 'pagerduty-oncall,slack-ops'],
    ['severity=warning', 'slack-ops'],
    ['severity=info', 'ticket-webhook'],
  ])('routes %s to %s', (label, receivers) => {
    const out = amtool(
      'config',
      'routes',
      'test',
      '--config.file=examples/alertmanager.yml',
      label,
      'app=demo',
    );
    expect(out.trim()).toBe(receivers);
  });
});
