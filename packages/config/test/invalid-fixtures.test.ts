import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ConfigIssue, formatIssue, parseConfig } from '../src/index.js';

/**
 * One file per invalid case under fixtures/invalid/. Each starts with a
 * description line and one `# expect: CODE path=PATH line=N [suggest=S]`
 * line per issue it must produce; the test requires exactly those issues.
 */
const dir = new URL('./fixtures/invalid/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** Variables the fixtures may use; `GOVERNOR_TEST_UNSET_*` are deliberately absent. */
const env = {
  FLY_API_TOKEN: 'fly-token-for-tests',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.test/x',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

interface Expectation {
  code: string;
  path: string;
  line: number;
  suggestion: string | undefined;
}

function expectations(text: string): Expectation[] {
  return [...text.matchAll(/^# expect: (\S+) path=(\S+) line=(\d+)(?: suggest=(\S+))?$/gm)].map((m) => ({
    code: m[1] ?? '',
    path: m[2] === '-' ? '' : (m[2] ?? ''),
    line: Number(m[3]),
    suggestion: m[4],
  }));
}

function summary(issue: ConfigIssue): Expectation {
  return { code: issue.code, path: issue.path, line: issue.line, suggestion: issue.suggestion };
}

describe('invalid configs', () => {
  it('has at least 25 fixtures, each with expectations in file order', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const file of files) {
      expect(expectations(readFileSync(new URL(file, dir), 'utf8')), file).not.toHaveLength(0);
    }
  });

  it.each(files)('%s reports exactly the expected issues', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const result = parseConfig(text, { file, env });
    if (result.ok) throw new Error(`${file} was accepted`);
    const got = result.issues.map(summary);
    expect(got, result.issues.map(formatIssue).join('\n')).toEqual(expectations(text));
    for (const issue of result.issues) {
      expect(issue.file).toBe(file);
      expect(issue.column).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('issue details', () => {
  const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

  it('an unset variable names the variable and the field', () => {
    const result = parseConfig(read('env-unset.yaml'), { env: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.message).toContain('GOVERNOR_TEST_UNSET_TOKEN');
    expect(formatIssue(result.issues[0] as ConfigIssue)).toContain('providers.fly.token');
  });

  it('an unset variable is not an error when env checks are off', () => {
    const result = parseConfig(read('env-unset.yaml'), { env: {}, checkEnv: false });
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.config.providers.fly?.type === 'fly' && result.config.providers.fly.token.present).toBe(
        false,
      );
  });

  it('an inline secret is rejected without repeating its value', () => {
    const result = parseConfig(read('env-inline-secret.yaml'), { file: 'x.yaml', env });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('fo1-inline-secret-value');
  });

  it('formats an issue as file:line:col: path: message (did you mean "x"?)', () => {
    const result = parseConfig(read('unknown-key-in-provider.yaml'), { file: 'p.yaml', env });
    if (result.ok) throw new Error('accepted');
    const unknown = result.issues.find((issue) => issue.code === 'GOV_CONFIG_UNKNOWN_KEY');
    expect(formatIssue(unknown as ConfigIssue)).toBe(
      'p.yaml:7:5: providers.local.comand: unknown key "comand" (did you mean "command"?)',
    );
  });
});
