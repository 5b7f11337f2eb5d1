import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGovernorError } from '@governor/errors';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  configHash,
  defaultCollectorConfig,
  formatIssue,
  loadConfigFile,
  loadConfigOrThrow,
  parseConfig,
} from '../src/index.js';

const minimal = `version: 1
providers:
  local:
    type: local
    command: node
    portRange: [8100, 8199]
apps:
  - name: demo
    provider: local
    min: 1
    max: 4
    targets:
      - type: cpu
        utilization: 0.7
`;

function parsed(text: string) {
  const result = parseConfig(text, { env: {} });
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'governor-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseConfig', () => {
  it('fills the documented defaults', () => {
    const { config } = parsed(minimal);
    expect(config.daemon).toEqual({
      mode: 'standalone',
      listen: '127.0.0.1:9470',
      tickInterval: 5000,
      logLevel: 'info',
      publicReads: false,
      leaseTtl: 10_000,
      shards: 64,
      historySize: 500,
    });
    expect(config.collector).toEqual({
      scrapeInterval: 5000,
      scrapeTimeout: 2000,
      window: 15_000,
      jitter: 0.1,
      maxBodyBytes: 10 * 1024 * 1024,
      maxSeries: 50_000,
      staleAfter: 45_000,
      heartbeatTtl: 30_000,
    });
    const app = config.apps[0];
    expect(app?.behavior.scaleUp).toEqual({
      stabilizationWindow: 0,
      select: 'max',
      tolerance: 0.1,
      policies: [
        { type: 'percent', value: 1, period: 15_000 },
        { type: 'machines', value: 4, period: 15_000 },
      ],
    });
    expect(app?.behavior.scaleDown.stabilizationWindow).toBe(300_000);
    expect(app).toMatchObject({ mode: 'active', regions: {}, steps: [], schedules: [], warmPool: 0 });
    expect(app?.alerts).toMatchObject({ errorRatio: 0.05, receivers: [] });
    expect(app?.slo).toBeUndefined();
    expect(app?.alerts.severities).toEqual({ page: 'critical', ticket: 'warning' });
    expect(config.alerting).toEqual({ runbookBaseUrl: '', receivers: [], repeatInterval: 300_000 });
  });

  it('gives the collector defaults of a file without a collector section', () => {
    const defaults = defaultCollectorConfig();
    expect(defaults).toEqual(parsed(minimal).config.collector);
    expect(defaults.staleAfter).toBe(3 * defaults.window);
    expect(Object.isFrozen(defaults)).toBe(true);
  });

  it('derives defaults from other fields', () => {
    const text = minimal.replace(
      '      - type: cpu\n',
      '      - type: custom\n        metric: queue_depth\n        value: 5\n      - type: latency\n        quantile: p90\n        slo: 1s\n      - type: cpu\n',
    );
    const app = parsed(`${text}    regions:\n      ams: { min: 1 }\ncollector:\n  window: 10s\n`).config;
    expect(app.collector.staleAfter).toBe(30_000);
    expect(app.apps[0]?.regions.ams).toEqual({ min: 1, max: 4, weight: 1 });
    expect(app.apps[0]?.slo).toEqual({ ms: 1000, quantile: 'p90' });
    expect(app.apps[0]?.metrics.custom).toEqual(['queue_depth']);
  });

  it('takes the effective SLO from alerts first, then the latency target, with p99 when neither names a quantile', () => {
    const latency = '      - type: latency\n        quantile: p90\n        slo: 1s\n';
    const withLatency = minimal.replace('      - type: cpu\n', `${latency}      - type: cpu\n`);
    const alerts = (fields: string) => `    alerts:\n${fields}`;
    const sloOf = (text: string) => parsed(text).config.apps[0]?.slo;
    expect(sloOf(`${withLatency}${alerts('      slo: 300ms\n')}`)).toEqual({ ms: 300, quantile: 'p90' });
    expect(sloOf(`${withLatency}${alerts('      sloQuantile: p50\n')}`)).toEqual({
      ms: 1000,
      quantile: 'p50',
    });
    expect(sloOf(`${minimal}${alerts('      slo: 300ms\n')}`)).toEqual({ ms: 300, quantile: 'p99' });
    expect(sloOf(`${minimal}${alerts('      sloQuantile: p90\n')}`)).toBeUndefined();
  });

  it('returns a deeply frozen config', () => {
    const { config } = parsed(minimal);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.apps[0]?.behavior.scaleUp.policies[0])).toBe(true);
    expect(Object.isFrozen(config.providers.local)).toBe(true);
    expect(() => {
      (config.apps[0] as { max: number }).max = 99;
    }).toThrow(TypeError);
  });

  it('hashes the file text with sha256', () => {
    const result = parsed(minimal);
    expect(result.hash).toBe(configHash(minimal));
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(configHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('follows YAML anchors and aliases', () => {
    const text =
      minimal.replace('    targets:\n', '    targets: &t\n') +
      '  - name: other\n    provider: local\n    min: 1\n    max: 2\n    targets: *t\n';
    expect(parsed(text).config.apps[1]?.targets).toEqual([{ type: 'cpu', utilization: 0.7 }]);
  });

  it('reports an alias that names no anchor', () => {
    const result = parseConfig(minimal.replace('max: 4', 'max: *nowhere'), { file: 'a.yaml', env: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map(formatIssue)).toEqual([
        'a.yaml:11:10: apps[0].max: expected an integer, got the alias *nowhere, which names no anchor',
      ]);
    }
  });

  it('rejects a file that is not a mapping', () => {
    const result = parseConfig('- just\n- a list\n', { file: 'list.yaml' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => [i.code, i.line])).toEqual([['GOV_CONFIG_TYPE', 1]]);
  });
});

describe('loading files', () => {
  it('loadConfigFile reads a file and names it in issues', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, minimal.replace('max: 4', 'max: 0'));
    const result = loadConfigFile(file, { env: {} });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(formatIssue(result.issues[0] as never)).toMatch(
        new RegExp(`^${file}:11:10: apps\\[0\\]\\.max: `),
      );
  });

  it('an unreadable file is one GOV_CONFIG_FILE_UNREADABLE issue', () => {
    const result = loadConfigFile(join(dir, 'missing.yaml'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ code: 'GOV_CONFIG_FILE_UNREADABLE', line: 1, column: 1 });
      expect(result.issues[0]?.message).toContain('ENOENT');
    }
  });

  it('loadConfigOrThrow returns the config or throws a ConfigError with every issue', () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, minimal);
    expect(loadConfigOrThrow(good, { env: {} }).apps[0]?.name).toBe('demo');
    const bad = join(dir, 'two-issues.yaml');
    writeFileSync(
      bad,
      minimal.replace('min: 1', 'min: 5').replace('version: 1\n', 'version: 1\ndeamon: {}\n'),
    );
    let thrown: unknown;
    try {
      loadConfigOrThrow(bad, { env: {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(isGovernorError(thrown, 'GOV_CONFIG_UNKNOWN_KEY')).toBe(true);
    const error = thrown as ConfigError;
    expect(error.issues.map((i) => i.code)).toEqual(['GOV_CONFIG_UNKNOWN_KEY', 'GOV_CONFIG_MIN_MAX']);
    expect(error.message.split('\n')).toHaveLength(3);
    expect(error.message).toContain('did you mean "daemon"?');
  });
});
