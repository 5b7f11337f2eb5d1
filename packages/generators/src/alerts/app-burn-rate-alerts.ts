import { COLLECTOR_METRICS } from '@governor/telemetry';
import { promNumber, selector } from '../promql.js';
import type { AlertDefinition, AlertScenario } from './alert-definition.js';
import type { AppAlertScope } from './app-scope.js';
import { buildRule, growing, series } from './rule-builder.js';

const TOTAL = COLLECTOR_METRICS.instanceRequests.name;
const GOOD = COLLECTOR_METRICS.instanceRequestsWithinSlo.name;

/** One multiwindow condition: burn above `factor` over both the long and the short window. */
interface BurnWindow {
  readonly long: string;
  readonly short: string;
  readonly factor: number;
}

/**
 * The SRE workbook's multiwindow, multi-burn-rate alerts (also Sloth's and
 * Pyrra's defaults for a 30-day SLO): page when 2% of the month's error
 * budget burns in 1h or 5% in 6h; open a ticket when 10% burns in 1d or 3d.
 * The short window (1/12 of the long one) makes the alert stop soon after
 * the burn does.
 */
export const FAST_BURN: readonly BurnWindow[] = [
  { long: '1h', short: '5m', factor: 14.4 },
  { long: '6h', short: '30m', factor: 6 },
];
/** See {@link FAST_BURN}. */
export const SLOW_BURN: readonly BurnWindow[] = [
  { long: '1d', short: '2h', factor: 3 },
  { long: '3d', short: '6h', factor: 1 },
];

const OBJECTIVE = { p50: 0.5, p90: 0.9, p99: 0.99 } as const;

/** The latency SLO of an app as an error budget: the share of requests allowed above the SLO. */
interface Budget {
  readonly sloSeconds: number;
  readonly quantile: keyof typeof OBJECTIVE;
  /** 1 - objective, e.g. 0.01 for p99, rounded as PromQL prints it. */
  readonly budget: number;
}

function budgetOf(scope: AppAlertScope): Budget | undefined {
  const slo = scope.app.slo;
  if (slo === undefined) return undefined;
  const budget = Number(promNumber(1 - OBJECTIVE[slo.quantile]));
  return { sloSeconds: slo.ms / 1000, quantile: slo.quantile, budget };
}

/**
 * Burn rate of the app's latency budget over `range`: the share of requests
 * slower than the SLO (from the collectors' histogram-based counters),
 * divided by the budget.
 */
function burn(app: string, range: string, budget: number): string {
  const rate = (name: string) => `sum by (app) (rate(${selector(name, { app })}[${range}]))`;
  return `(1 - ${rate(GOOD)} / ${rate(TOTAL)}) / ${promNumber(budget)}`;
}

function expr(app: string, windows: readonly BurnWindow[], budget: number): string {
  return windows
    .map(
      (w) =>
        `(\n  ${burn(app, w.short, budget)} > ${promNumber(w.factor)}\nand\n  ${burn(app, w.long, budget)} > ${promNumber(w.factor)}\n)`,
    )
    .join('\nor\n');
}

/**
 * Counters of one instance serving 10 requests/s, `slowShare` of them slower
 * than the SLO, sampled every minute for `minutes`.
 */
function traffic(app: string, slowShare: number, minutes: number): AlertScenario['series'] {
  const labels = { app, instance: `${app}-1`, region: 'ams' };
  const perMinute = 600;
  return [
    series(TOTAL, labels, growing(perMinute, minutes)),
    series(GOOD, labels, growing(perMinute * (1 - slowShare), minutes)),
  ];
}

function definition(
  scope: AppAlertScope,
  b: Budget,
  speed: 'fast' | 'slow',
  burnScenario: { slowShare: number; evalMinutes: number },
): AlertDefinition {
  const app = scope.app.name;
  const windows = speed === 'fast' ? FAST_BURN : SLOW_BURN;
  const name = speed === 'fast' ? 'GovernorAppLatencyBudgetBurnFast' : 'GovernorAppLatencyBudgetBurnSlow';
  const q = b.quantile.toUpperCase();
  const pct = promNumber((1 - b.budget) * 100);
  const rule = buildRule(scope, {
    name,
    expr: expr(app, windows, b.budget),
    ...(speed === 'fast' ? { forMs: 120_000 } : {}),
    summary: `${app}: latency error budget burning ${speed === 'fast' ? 'fast' : 'slowly'}`,
    description:
      `${app} burns its latency error budget (${pct}% of requests within ${promNumber(b.sloSeconds)}s, ` +
      `its ${q} SLO) {{ $value | printf "%.1f" }} times as fast as a 30-day budget allows, over ` +
      windows.map((w) => `${w.long} and ${w.short}`).join(' or ') +
      (speed === 'fast'
        ? ': at this pace the whole budget is gone within days.'
        : ': a slow leak that spends the budget before the month ends.'),
  });
  const sample = (slowShare: number, minutes: number) => traffic(app, slowShare, minutes);
  // The burn the annotation prints: the slow share over the budget, computed as Prometheus does.
  const burnOf = (slowShare: number) => (1 - (600 * (1 - slowShare)) / 600) / b.budget;
  const minutes = burnScenario.evalMinutes + 10;
  return {
    rule,
    firing: {
      name: `fires on a synthetic burn: ${promNumber(burnScenario.slowShare * 100)}% of requests slower than the SLO`,
      series: sample(burnScenario.slowShare, minutes),
      evalTime: `${burnScenario.evalMinutes}m`,
      expect: [{ labels: { app }, value: burnOf(burnScenario.slowShare) }],
    },
    silent: {
      name: 'stays silent on a healthy series (a quarter of the budget spent at an even pace)',
      series: sample(b.budget / 4, minutes),
      evalTime: `${burnScenario.evalMinutes}m`,
      expect: [],
    },
  };
}

/**
 * The two latency burn-rate alerts of an app with a latency SLO: a page on a
 * fast burn, a ticket on a slow one. Absent when the app has no SLO.
 */
export function latencyBudgetBurn(scope: AppAlertScope): AlertDefinition[] {
  const b = budgetOf(scope);
  if (!b) return [];
  return [
    // 20x the budget: both fast windows are above 14.4 within minutes.
    definition(scope, b, 'fast', { slowShare: Math.min(1, b.budget * 20), evalMinutes: 30 }),
    // 2x the budget: below the 3x of 1d/2h and the 6x of the fast alert, above the 1x of 3d/6h once 6h have passed.
    definition(scope, b, 'slow', { slowShare: b.budget * 2, evalMinutes: 7 * 60 }),
  ];
}
