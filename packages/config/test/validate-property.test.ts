import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConfigResult,
  type GovernorConfig,
  listenExposureProblem,
  MAX_TIMER_MS,
  parseConfig,
  parseCron,
} from '../src/index.js';

/**
 * Property-based validation: generated configs (valid fields replaced by
 * hostile scalars, and valid files corrupted character by character) must
 * either load into a config the daemon can run safely, or fail with typed,
 * located issues. Never a throw.
 */

const FILE = 'generated.yaml';

/** Hostile YAML scalars, written as raw text. */
const scalar = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.constantFrom(
    '.inf',
    '-.inf',
    '.nan',
    '~',
    'null',
    'true',
    '[]',
    '{}',
    '""',
    '1e400',
    '0x10',
    '-0',
    '1_000',
  ),
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.nat({ max: 100 }), fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 30n })),
        fc.constantFrom('ms', 's', 'm', 'h', 'd', ''),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((parts) => parts.map(([n, unit]) => `${n}${unit}`).join('')),
  fc.double({ min: -10, max: 2000, noNaN: true }).map((n) => `${n}%`),
  fc.string({ maxLength: 80 }).map((s) => JSON.stringify(s)),
  fc
    .array(
      fc.constantFrom('*', '*/5', '0', '59', '60', '1-5', '5-1', 'mon', 'feb', '31', '2', '@daily', '@x'),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((fields) => JSON.stringify(fields.join(' '))),
  fc.constantFrom('0.0.0.0:9470', '127.0.0.1:9470', '[::1]:1', '[::]:9470', 'localhost:99999', 'example:80'),
);

/** The fields a generated config may replace, with the valid value they hold otherwise. */
const FIELDS = {
  tickInterval: '5s',
  listen: '127.0.0.1:9470',
  historySize: '500',
  scrapeInterval: '5s',
  scrapeTimeout: '2s',
  window: '15s',
  jitter: '10%',
  portFrom: '8100',
  portTo: '8199',
  stopGracePeriod: '5s',
  name: 'demo',
  min: '1',
  max: '6',
  warmPool: '2',
  utilization: '70%',
  stabilization: '1m',
  policyValue: '4',
  policyPeriod: '15s',
  cooldown: '30s',
  stepFor: '1m',
  stepChange: '2',
  cron: '"0 9 * * mon-fri"',
  timezone: 'UTC',
  scheduleDuration: '8h',
  scheduleMin: '3',
  season: '1d',
  maxError: '30%',
  regionMax: '4',
} as const;

type Field = keyof typeof FIELDS;

function configText(v: Record<Field, string>): string {
  return `version: 1
daemon:
  tickInterval: ${v.tickInterval}
  listen: ${v.listen}
  historySize: ${v.historySize}
collector:
  scrapeInterval: ${v.scrapeInterval}
  scrapeTimeout: ${v.scrapeTimeout}
  window: ${v.window}
  jitter: ${v.jitter}
providers:
  local:
    type: local
    command: node
    portRange: [${v.portFrom}, ${v.portTo}]
    stopGracePeriod: ${v.stopGracePeriod}
apps:
  - name: ${v.name}
    provider: local
    min: ${v.min}
    max: ${v.max}
    warmPool: ${v.warmPool}
    regions:
      ams:
        max: ${v.regionMax}
    targets:
      - type: cpu
        utilization: ${v.utilization}
    behavior:
      scaleUp:
        stabilizationWindow: ${v.stabilization}
        policies:
          - type: machines
            value: ${v.policyValue}
            period: ${v.policyPeriod}
    cooldown:
      down: ${v.cooldown}
    steps:
      - metric: cpu
        above: 90%
        for: ${v.stepFor}
        change: ${v.stepChange}
    schedules:
      - cron: ${v.cron}
        timezone: ${v.timezone}
        duration: ${v.scheduleDuration}
        min: ${v.scheduleMin}
    predictive:
      seasons: [${v.season}]
      maxError: ${v.maxError}
`;
}

const generatedConfig = fc
  .record(
    Object.fromEntries(Object.keys(FIELDS).map((key) => [key, fc.option(scalar, { freq: 3 })])) as Record<
      Field,
      fc.Arbitrary<string | null>
    >,
  )
  .map((picked) => {
    const values = { ...FIELDS } as Record<Field, string>;
    for (const [key, value] of Object.entries(picked)) if (value !== null) values[key as Field] = value;
    return configText(values);
  });

/** Never a throw; a failure is a list of typed, located issues, each naming a field. */
function checkResult(text: string): ConfigResult {
  let result: ConfigResult | undefined;
  expect(() => {
    result = parseConfig(text, { file: FILE, env: {} });
  }).not.toThrow();
  const r = result as ConfigResult;
  if (!r.ok) {
    expect(r.issues.length).toBeGreaterThan(0);
    const lineCount = text.split('\n').length;
    for (const issue of r.issues) {
      expect(issue.code).toMatch(/^GOV_CONFIG_[A-Z_]+$/);
      expect(issue.file).toBe(FILE);
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.line).toBeLessThanOrEqual(lineCount);
      expect(issue.column).toBeGreaterThanOrEqual(1);
      expect(typeof issue.path).toBe('string');
      const rootLevel = ['GOV_CONFIG_YAML_SYNTAX', 'GOV_CONFIG_DUPLICATE', 'GOV_CONFIG_TYPE'];
      if (!rootLevel.includes(issue.code)) expect(issue.path, issue.message).not.toBe('');
      expect(issue.message).not.toMatch(/call stack|YAML\.\w+\(|undefined|\[object Object\]/);
    }
  }
  return r;
}

/** What a running daemon needs of a config it accepted. */
function expectRunnable(config: GovernorConfig): void {
  const timers = [
    config.daemon.tickInterval,
    config.daemon.leaseTtl,
    config.collector.scrapeInterval,
    config.collector.scrapeTimeout,
    config.collector.window,
    config.collector.heartbeatTtl,
  ];
  for (const ms of timers) {
    expect(Number.isSafeInteger(ms)).toBe(true);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThanOrEqual(MAX_TIMER_MS);
  }
  for (const provider of Object.values(config.providers)) {
    if (provider.type !== 'local') continue;
    expect(provider.portRange[0]).toBeLessThanOrEqual(provider.portRange[1]);
    expect(provider.stopGracePeriod).toBeLessThanOrEqual(MAX_TIMER_MS);
  }
  expect(
    listenExposureProblem({
      listen: config.daemon.listen,
      apiToken: config.daemon.apiToken !== undefined,
      publicReads: config.daemon.publicReads,
    }),
  ).toBeUndefined();
  for (const app of config.apps) {
    expect(app.name.length).toBeLessThanOrEqual(63);
    for (const count of [app.min, app.max, app.warmPool]) expect(Number.isSafeInteger(count)).toBe(true);
    expect(app.min).toBeLessThanOrEqual(app.max);
    expect(app.warmPool).toBeLessThanOrEqual(app.max);
    for (const schedule of app.schedules) expect(() => parseCron(schedule.cron)).not.toThrow();
    for (const [, ms] of [
      ['cooldown.up', app.cooldown.up],
      ['cooldown.down', app.cooldown.down],
    ] as const) {
      expect(ms).toBeLessThanOrEqual(MAX_TIMER_MS);
    }
  }
  walkNumbers(config, (n) => expect(Number.isFinite(n)).toBe(true));
}

function walkNumbers(value: unknown, check: (n: number) => void, depth = 0): void {
  if (depth > 20) return;
  if (typeof value === 'number') check(value);
  else if (Array.isArray(value)) for (const item of value) walkNumbers(item, check, depth + 1);
  else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) walkNumbers(item, check, depth + 1);
  }
}

describe('validate, property-based', () => {
  it('the unmutated generated config is valid (the generator exercises real fields)', () => {
    const result = checkResult(configText({ ...FIELDS }));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expectRunnable(result.config);
  });

  it('a config with hostile field values loads into a runnable config or fails with located issues', () => {
    let rejected = 0;
    fc.assert(
      fc.property(generatedConfig, (text) => {
        const result = checkResult(text);
        if (result.ok) expectRunnable(result.config);
        else rejected++;
      }),
      { numRuns: 250 },
    );
    // Most generated values are hostile: if nearly nothing is rejected the generator is broken.
    expect(rejected).toBeGreaterThan(100);
  });

  it('a valid config corrupted character by character never crashes validate', () => {
    const valid = configText({ ...FIELDS });
    const edit = fc.record({
      at: fc.nat({ max: valid.length }),
      cut: fc.nat({ max: 4 }),
      insert: fc.oneof(
        fc.constantFrom(
          '',
          ' ',
          '\t',
          '\n',
          ':',
          '- ',
          '[',
          ']',
          '{',
          '}',
          '"',
          "'",
          '&a ',
          '*a',
          '!!map ',
          '#',
          '\r\n',
          '---\n',
          '? ',
        ),
        fc.string({ maxLength: 6 }),
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let text = valid;
        for (const e of edits) {
          const at = Math.min(e.at, text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
        }
        const result = checkResult(text);
        if (result.ok) expectRunnable(result.config);
      }),
      { numRuns: 200 },
    );
  });
});
