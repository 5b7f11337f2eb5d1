import { type ErrorCode, isGovernorError } from '@governor/errors';
import { describe, expect, it } from 'vitest';
import { cronProblem, isValidTimeZone, parseDuration, parsePercent } from '../src/index.js';

/** The code of the GovernorError that `fn` throws (fails when it throws nothing or something else). */
function thrownCode(fn: () => unknown): ErrorCode {
  try {
    fn();
  } catch (error) {
    if (isGovernorError(error)) return error.code;
    throw error;
  }
  throw new Error('did not throw');
}

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['0s', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '30', 's', '5 minutes', '1x', '-1s', '1h 30m', '30s5'])('rejects %j', (text) => {
    expect(thrownCode(() => parseDuration(text))).toBe('GOV_CONFIG_DURATION');
  });
});

describe('parsePercent', () => {
  it.each([
    ['70%', 0.7],
    ['0.7', 0.7],
    [0.7, 0.7],
    ['100%', 1],
    ['2.5%', 0.025],
  ] as const)('%j is %d', (input, fraction) => {
    expect(parsePercent(input)).toBeCloseTo(fraction, 10);
  });

  it.each(['70%%', '%', 'seventy', -0.1, '70 %', Number.NaN])('rejects %j', (input) => {
    expect(thrownCode(() => parsePercent(input))).toBe('GOV_CONFIG_PERCENT');
  });
});

describe('cron expressions', () => {
  it.each([
    '0 7 * * mon-fri',
    '*/15 * * * *',
    '0 0 1,15 * *',
    '30 8-18/2 * jan-mar 1-5',
    '0 0 * * 7',
    '@daily',
  ])('accepts %j', (expression) => {
    expect(cronProblem(expression)).toBeUndefined();
  });

  it.each([
    ['0 25 * * *', 'hour'],
    ['60 * * * *', 'minute'],
    ['* * 0 * *', 'day of month'],
    ['* * * 13 *', 'month'],
    ['* * * * 8', 'day of week'],
    ['* * * *', '5'],
    ['*/0 * * * *', 'step'],
    ['5-1 * * * *', 'backwards'],
    ['@fortnightly', 'macro'],
  ])('rejects %j (%s)', (expression, mentions) => {
    expect(cronProblem(expression)).toContain(mentions);
  });

  it('knows IANA time zones', () => {
    expect(isValidTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Amsterdm')).toBe(false);
  });
});

describe('parseDuration (properties)', () => {
  it('reads back any whole number of h, m, s and ms', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(59), fc.nat(59), fc.nat(999), (h, m, s, ms) => {
        const parts = [`${h}h`, `${m}m`, `${s}s`, `${ms}ms`];
        return parseDuration(parts.join('')) === ((h * 60 + m) * 60 + s) * 1000 + ms;
      }),
    );
  });
});
