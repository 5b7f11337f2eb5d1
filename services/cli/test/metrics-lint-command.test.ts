import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintExposition } from '../src/metrics-lint/lint-exposition.js';

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

  it('exits 1 and prints FILE:LINE:COL: reason for an error', async () => {
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

describe('governor metrics lint reports every error', () => {
  it('prints each error, and stops at --max-errors with a note', async () => {
    const text = 'a 1\nb x\nc{d=1} 2\ne 1e400\n';
    const all = await lint(['-'], text);
    expect(all.code).toBe(1);
    expect(all.stdout.trim().split('\n')).toEqual([
      '<stdin>:2:3: invalid value "x"',
      '<stdin>:3:5: expected a quoted value for label "d", found "1"',
      '<stdin>:4:3: invalid value "1e400"',
    ]);
    const two = await lint(['--max-errors', '2', '-'], text);
    expect(two.stdout.trim().split('\n')).toEqual([
      '<stdin>:2:3: invalid value "x"',
      '<stdin>:3:5: expected a quoted value for label "d", found "1"',
      '<stdin>: more errors not shown (--max-errors 2)',
    ]);
    expect((await lint(['--max-errors', '0', '-'], text)).code).toBe(2);
  });

  it('names invalid UTF-8 in a label value (a lenient decode would hide it)', async () => {
    const run = await lint(
      ['-'],
      Buffer.from([...Buffer.from('a{b="'), 0xff, ...Buffer.from('"} 1\n')]) as never,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('<stdin>:1:6: invalid UTF-8 (byte 0xff)');
  });
});

describe('lintExposition', () => {
  it('reports the location of an error without throwing', () => {
    expect(lintExposition('a 1\n', 'openmetrics')).toEqual({
      ok: false,
      issues: [{ line: 2, column: 1, reason: 'missing "# EOF" at the end' }],
      truncated: false,
    });
    expect(lintExposition('a 1\n', 'text')).toEqual({ ok: true, families: 1, series: 1 });
  });

  it('names CRLF line ends once instead of a type with an invisible CR', () => {
    const result = lintExposition('# TYPE h histogram\r\nh_bucket{le="+Inf"} 1\r\nh_count 1\r\n', 'text');
    expect(result).toEqual({
      ok: false,
      issues: [{ line: 1, column: 19, reason: expect.stringMatching(/^3 line\(s\) end with CR LF/) }],
      truncated: false,
    });
  });

  it('accepts nothing the formats forbid', () => {
    const bad: [string, string][] = [
      ['a 1e400\n', 'value beyond float64'],
      ['a 1 9223372036854775808\n', 'timestamp beyond int64'],
      ['# TYPE a counter\na -Inf\n', 'text counter of -Inf'],
      ['# TYPE a counter\na -1\n', 'negative text counter'],
    ];
    for (const [text, why] of bad) expect(lintExposition(text, 'text').ok, why).toBe(false);
    expect(lintExposition('a 1 9223372036854775807\n', 'text').ok).toBe(true);
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('a{b="'),
      0xc0,
      0xaf,
      ...new TextEncoder().encode('"} 1\n'),
    ]);
    expect(lintExposition(bytes, 'text')).toMatchObject({ ok: false, issues: [{ line: 1, column: 6 }] });
  });
});
