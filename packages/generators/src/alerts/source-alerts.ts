import { AUTOSCALER_METRICS } from '@governor/telemetry';
import type { AlertDefinition } from './alert-definition.js';
import type { AlertScope } from './rule-builder.js';
import { buildRule, constant, growing, series } from './rule-builder.js';

const FAILURES = AUTOSCALER_METRICS.sourceFailures.name;

/** A metric source (Prometheus, Redis) keeps failing for 5 minutes: its apps scale on missing metrics. */
export function metricSourceFailing(scope: AlertScope): AlertDefinition {
  const rule = buildRule(scope, {
    name: 'GovernorMetricSourceFailing',
    expr: `sum by (source, type) (rate(${FAILURES}[5m])) > 0`,
    forMs: 300_000,
    summary: 'A metric source keeps failing',
    description:
      'Reads of {{ $labels.type }} metric source {{ $labels.source }} fail for 5m: its apps decide on missing ' +
      'metrics (no scale-down, then the fallback count). Run `governor eval --config FILE --app NAME` to see the error.',
  });
  const labels = { source: 'prom', type: 'prometheus' };
  const input = { ...labels, code: 'GOV_SOURCE_UNREACHABLE' };
  return {
    rule,
    firing: {
      name: 'fires when every read fails',
      series: [series(FAILURES, input, growing(12, 30))],
      evalTime: '15m',
      expect: [{ labels, value: Number.NaN }],
    },
    silent: {
      name: 'stays silent once reads succeed again',
      series: [series(FAILURES, input, constant(40, 30))],
      evalTime: '15m',
      expect: [],
    },
  };
}
