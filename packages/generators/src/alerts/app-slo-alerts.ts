import { AUTOSCALER_METRICS } from '@governor/telemetry';
import { promNumber, selector } from '../promql.js';
import type { AlertDefinition } from './alert-definition.js';
import type { AppAlertScope } from './app-scope.js';
import { buildRule, constant, series } from './rule-builder.js';

const ERROR_RATIO = AUTOSCALER_METRICS.appErrorRatio.name;

/** Share of 5xx responses above `alerts.errorRatio` for 5 minutes. */
export function errorRateHigh(scope: AppAlertScope): AlertDefinition {
  const app = scope.app.name;
  const threshold = scope.app.alerts.errorRatio;
  const pct = `${promNumber(threshold * 100)}%`;
  const rule = buildRule(scope, {
    name: 'GovernorAppErrorRateHigh',
    expr: `max by (app) (${selector(ERROR_RATIO, { app })}) > ${promNumber(threshold)}`,
    forMs: 300_000,
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
