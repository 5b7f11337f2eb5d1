import { exportedSeriesNames } from '@governor/telemetry';
import { metricNamesIn } from '../../src/promql-metrics.js';

/** Metric names in `expr` that the project does not export. */
export function unexportedNames(expr: string): string[] {
  const exported = exportedSeriesNames();
  return metricNamesIn(expr).filter((n) => !exported.has(n));
}
