import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, createSecretRef, formatIssue, parseConfig } from '../src/index.js';

const SECRET = 'sk-live-7f3a9c-should-never-print';

const text = `version: 1
daemon:
  mode: cluster
  redisUrl: \${REDIS_URL}
  apiToken: \${API_TOKEN}
providers:
  fly:
    type: fly
    org: acme
    app: web
    token: \${FLY_API_TOKEN}
    regions: [ams]
apps:
  - name: web
    provider: fly
    min: 1
    max: 3
    targets:
      - type: cpu
        utilization: 70%
`;

const env = { REDIS_URL: `redis://:${SECRET}@127.0.0.1:6379`, FLY_API_TOKEN: SECRET, API_TOKEN: SECRET };

describe('secrets', () => {
  it('never appear in the JSON, String() or inspect() of a loaded config', () => {
    const result = parseConfig(text, { env });
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    const { config } = result;
    expect(JSON.stringify(config)).not.toContain(SECRET);
    expect(inspect(config, { depth: 20, showHidden: true })).not.toContain(SECRET);
    expect(String(config.daemon.apiToken)).toBe('${API_TOKEN}');
    expect(`${config.daemon.redisUrl}`).toBe('${REDIS_URL}');
    expect(JSON.stringify(config.providers.fly)).toContain('"token":"${FLY_API_TOKEN}"');
  });

  it('reveal() returns the value, read at call time', () => {
    const live: Record<string, string | undefined> = { ...env };
    const result = parseConfig(text, { env: live });
    if (!result.ok) throw new Error('rejected');
    const token = result.config.daemon.apiToken;
    expect(token?.present).toBe(true);
    expect(token?.reveal()).toBe(SECRET);
    live.API_TOKEN = 'rotated';
    expect(token?.reveal()).toBe('rotated');
    live.API_TOKEN = undefined;
    expect(token?.reveal()).toBeUndefined();
  });

  it('never appear in error messages, even when the config is invalid', () => {
    const broken = text.replace('min: 1', 'min: 9').replace('  mode: cluster', '  mode: clustr');
    const result = parseConfig(broken, { env });
    if (result.ok) throw new Error('accepted');
    const error = new ConfigError(result.issues);
    expect(error.message).toContain('min 9 is greater than max 3');
    expect(error.message).toContain('did you mean "cluster"?');
    expect(JSON.stringify(result.issues)).not.toContain(SECRET);
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(inspect(error)).not.toContain(SECRET);
  });

  it.each([
    ['an unclosed quote', 'version: 1\ndaemon:\n  apiToken: "sk-SECRET-x\n'],
    ['a nested compact mapping', 'version: 1\ndaemon:\n  apiToken: sk-SECRET-x: y\n'],
    ['a tab indent', 'version: 1\ndaemon:\n\tapiToken: sk-SECRET-x\n'],
    ['an unclosed flow map', 'version: 1\ndaemon: {apiToken: sk-SECRET-x\n'],
    ['a wrong type', 'version: 1\ndaemon:\n  apiToken: [sk-SECRET-x]\n'],
  ])('an inline value is not echoed by a YAML or type error (%s)', (_case, text) => {
    const result = parseConfig(text, { env: {} });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('sk-SECRET');
  });

  it('an optional secret whose variable is unset loads with present=false', () => {
    const result = parseConfig(text, { env: { ...env, API_TOKEN: undefined } });
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    expect(result.config.daemon.apiToken?.present).toBe(false);
    expect(result.config.daemon.apiToken?.reveal()).toBeUndefined();
  });

  it('an empty variable counts as unset', () => {
    const ref = createSecretRef('X', { X: '' });
    expect(ref.present).toBe(false);
    expect(ref.reveal()).toBeUndefined();
  });
});
