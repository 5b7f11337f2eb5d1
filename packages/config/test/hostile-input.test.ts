import { describe, expect, it } from 'vitest';
import { formatIssue, parseConfig } from '../src/index.js';

const base = (name = 'demo') => `version: 1
providers:
  local:
    type: local
    command: node
    portRange: [8100, 8199]
apps:
  - name: ${name}
    provider: local
    min: 1
    max: 4
    targets:
      - type: cpu
        utilization: 70%
`;

function issuesOf(text: string) {
  const result = parseConfig(text, { file: 'hostile.yaml', env: {} });
  if (result.ok) throw new Error('the config was accepted');
  return result.issues;
}

describe('hostile config files', () => {
  for (const [name, text] of [
    ['a deep flow nesting', `version: 1\nx: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`],
    [
      'a deep block nesting',
      `version: 1\nx:\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i + 1)}a:\n`).join('')}`,
    ],
    ['a deep sequence nesting', `version: 1\nx:\n  ${'- '.repeat(5000)}a\n`],
  ]) {
    it(`${name} gives a located error, not "Maximum call stack size exceeded"`, () => {
      const issues = issuesOf(text as string);
      expect(issues).toHaveLength(1);
      const [issue] = issues;
      expect(issue?.code).toBe('GOV_CONFIG_YAML_SYNTAX');
      expect(issue?.message).toBe('the file nests deeper than 64 levels');
      expect(issue?.line).toBeGreaterThan(1);
      expect(formatIssue(issue as never)).not.toMatch(/call stack/i);
    });
  }

  it('a YAML syntax error names the field it sits in and no parser API', () => {
    const issues = issuesOf(`${base()}    scrape: {interval: 5s\n`);
    expect(issues[0]?.path).toMatch(/^apps\[0\]\.scrape/);
    expect(issues.map(formatIssue).join('\n')).toMatch(/^hostile\.yaml:\d+:\d+: apps\[0\]\.scrape\S*: /);
    const multi = issuesOf(`version: 1\n---\n${base()}`);
    expect(multi[0]?.message).not.toMatch(/YAML\.|parseAllDocuments/);
  });

  it('a 100,000-character app name is refused without echoing it', () => {
    const [issue] = issuesOf(base(`a${'b'.repeat(99_999)}`));
    expect(issue).toMatchObject({ code: 'GOV_CONFIG_RANGE', path: 'apps[0].name' });
    expect(formatIssue(issue as never).length).toBeLessThan(200);
  });

  it('a 100,000-character command is refused', () => {
    const [issue] = issuesOf(base().replace('command: node', `command: ${'x'.repeat(100_000)}`));
    expect(issue).toMatchObject({ code: 'GOV_CONFIG_RANGE', path: 'providers.local.command' });
  });

  it('a `__proto__` key is data, not the prototype of the parsed mapping', () => {
    const text = base().replace('portRange:', 'env:\n      __proto__: polluted\n    portRange:');
    const result = parseConfig(text, { env: {} });
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    const provider = result.config.providers.local as { env: Record<string, string> };
    expect(Object.keys(provider.env)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(provider.env)).toBe(Object.prototype);
  });
});
