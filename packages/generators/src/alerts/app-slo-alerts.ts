import { AUTOSCALER_METRICS } from '@governor/telemetry';
import { promNumber, quantileLabel, selector } from '../promql.js';
import type { AlertDefinition } from './alert-definition.js';
import { type AppAlertScope, alertSloMs } from './app-scope.js';
import { buildRule, constant, series } from './rule-builder.js';

const LATENCY = AUTOSCALER_METRICS.appLatency.name;
const ERROR_RATIO = AUTOSCALER_METRICS.appErrorRatio.name;

/**
 * Fleet latency above the SLO, multi-window: the quantile averaged over 5m
 * AND over 1h must both exceed the SLO, so a short spike does not page but a
 * sustained breach does within minutes. Absent when the app has no SLO.
 */
export function latencyAboveSlo(scope: AppAlertScope): AlertDefinition | undefined {
  const sloMs = alertSloMs(scope.app);
  if (sloMs === undefined) return undefined;
  const app = scope.app.name;
  const q = scope.app.alerts.sloQuantile;
  const quantile = quantileLabel(q);
  const slo = sloMs / 1000;
  const sel = selector(LATENCY, { app, quantile });
  const window = (range: string) => `max by (app, quantile) (avg_over_time(${sel}[${range}]))`;
  const rule = buildRule(scope, {
    name: 'GovernorAppLatencyAboveSLO',
    expr: `${window('5m')} > ${promNumber(slo)}\nand\n${window('1h')} > ${promNumber(slo)}`,
    forMs: 120_000,
    severity: scope.app.alerts.severities.page,
    summary: `${app}: ${q.toUpperCase()} latency above its ${promNumber(slo)}s SLO`,
    description:
      `The ${q.toUpperCase()} latency of ${app}, merged across instances, is {{ $value | printf "%.3f" }}s ` +
      `averaged over 5m and above ${promNumber(slo)}s over 1h as well: users see slow responses.`,
  });
  const labels = { app, quantile };
  const low = promNumber(slo * 0.5);
  const high = promNumber(slo * 2);
  return {
    rule,
    firing: {
      name: `fires when ${q} stays at twice the SLO for over an hour`,
      series: [series(LATENCY, labels, constant(slo * 2, 80))],
      evalTime: '70m',
      expect: [{ labels, value: slo * 2 }],
    },
    silent: {
      name: `stays silent on a 10-minute spike after an hour at half the SLO`,
      series: [series(LATENCY, labels, `${low}x59 ${high}x10`)],
      evalTime: '70m',
      expect: [],
    },
  };
}

/** Share of 5xx responses above `alerts.errorRatio` for 5 minutes. */
export function errorRateHigh(scope: AppAlertScope): AlertDefinition {
  const app = scope.app.name;
  const threshold = scope.app.alerts.errorRatio;
  const pct = `${promNumber(threshold * 100)}%`;
  const rule = buildRule(scope, {
    name: 'GovernorAppErrorRateHigh',
    expr: `max by (app) (${selector(ERROR_RATIO, { app })}) > ${promNumber(threshold)}`,
    forMs: 300_000,
    severity: scope.app.alerts.severities.page,
    summary: `${app}: error rate above ${pct}`,
    description: `{{ $value | humanizePercentage }} of the requests to ${app} fail with a 5xx status (threshold ${pct}) for 5m.`,
  });
  const labels = { app };
  const bad = Math.min(1, Math.max(threshold * 2, 0.05));
  return {
    rule,
    firing: {
      name: `fires when the error ratio stays above ${pct} for 5m`,
      series: [series(ERROR_RATIO, labels, constant(bad, 20))],
      evalTime: '10m',
      expect: [{ labels, value: bad }],
    },
    silent: {
      name: `stays silent just below ${pct}`,
      series: [series(ERROR_RATIO, labels, constant(threshold * 0.8, 20))],
      evalTime: '10m',
      expect: [],
    },
  };
}
