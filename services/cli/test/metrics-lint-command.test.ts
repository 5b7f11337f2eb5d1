import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintExposition } from '../src/commands/metrics-lint.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = 'packages/metrics/test/fixtures';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `governor metrics lint ...args` as a real child process, optionally feeding stdin. */
function lint(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [
        '--conditions=governor-source',
        '--import',
        'tsx',
        'services/cli/src/main.ts',
        'metrics',
        'lint',
        ...args,
      ],
      { cwd: root, env: { PATH: process.env.PATH ?? '' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe('governor metrics lint', () => {
  it('exits 0 and says ok for a valid Prometheus text file', async () => {
    const file = `${fixtures}/text/valid/docs-example.txt`;
    const run = await lint([file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${file}: ok (6 families, 7 series)\n`);
  });

  it('exits 1 and prints FILE:LINE:COL: reason for the first error', async () => {
    const file = `${fixtures}/openmetrics/invalid/histogram-count-mismatch.txt`;
    const run = await lint(['--format', 'openmetrics', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`${file}:3:1: _count 1 does not match the +Inf bucket 0\n`);
  });

  it('applies the grammar chosen with --format', async () => {
    const file = `${fixtures}/text/valid/blank-lines.txt`;
    expect((await lint(['--format', 'text', file])).code).toBe(0);
    const om = await lint(['--format', 'openmetrics', file]);
    expect(om.code).toBe(1);
    expect(om.stdout).toMatch(/:1:1: blank line/);
  });

  it('reads standard input when FILE is -', async () => {
    const ok = await lint(['--format', 'openmetrics', '-'], '# TYPE a counter\na_total 1\n# EOF\n');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('<stdin>: ok (1 families, 1 series)\n');
    const bad = await lint(['-'], 'a{b="1",b="2"} 1\n');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('<stdin>:1:9: duplicate label name "b"\n');
  });

  it('exits 2 on a usage error and 1 for an unreadable file', async () => {
    expect((await lint(['--format', 'xml', 'x.txt'])).code).toBe(2);
    expect((await lint([])).code).toBe(2);
    const missing = await lint(['does-not-exist.txt']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does-not-exist.txt: cannot read');
  });

  it('explains itself in --help', async () => {
    const run = await lint(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('FILE:LINE:COL: reason');
    expect(run.stdout).toContain('--format <format>');
  });
});

describe('lintExposition', () => {
  it('reports the location of the first error without throwing', () => {
    expect(lintExposition('a 1\n', 'openmetrics')).toEqual({
      ok: false,
      line: 2,
      column: 1,
      reason: 'missing "# EOF" at the end',
    });
    expect(lintExposition('a 1\n', 'text')).toEqual({ ok: true, families: 1, series: 1 });
  });
});
