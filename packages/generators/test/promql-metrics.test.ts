import { describe, expect, it } from 'vitest';
import { metricNamesIn, metricNamesInVariableQuery } from '../src/promql-metrics.js';

const cases: { expr: string; want: string[] }[] = [
  { expr: 'up', want: ['up'] },
  { expr: 'rate(http_requests_total{job="api",code=~"5.."}[5m])', want: ['http_requests_total'] },
  { expr: 'sum by (app, le) (rate(x_bucket[$__rate_interval]))', want: ['x_bucket'] },
  { expr: 'a > on (app) group_left (region) b', want: ['a', 'b'] },
  { expr: 'max(a) or vector(0)', want: ['a'] },
  { expr: 'count(count_values("hash", cfg_hash))', want: ['cfg_hash'] },
  { expr: 'a offset 5m and bool b unless c', want: ['a', 'b', 'c'] },
  { expr: 'histogram_quantile(0.99, sum by (le) (rate(t_bucket[5m]))) > 1e3', want: ['t_bucket'] },
  { expr: 'max_over_time(a{app="$app"}[1h:1m]) / ignoring (x) b', want: ['a', 'b'] },
  { expr: 'label_replace(a, "dst", "$1", "src", "(.*)")', want: ['a'] },
  { expr: 'sum without (instance) (ns:metric:rate5m)', want: ['ns:metric:rate5m'] },
];

describe('metricNamesIn extracts metric names from PromQL', () => {
  for (const { expr, want } of cases) {
    it(expr, () => {
      expect(metricNamesIn(expr).sort()).toEqual([...want].sort());
    });
  }

  it('reads label_values(metric, label) variables', () => {
    expect(metricNamesInVariableQuery('label_values(governor_app_latency_seconds, app)')).toEqual([
      'governor_app_latency_seconds',
    ]);
    expect(metricNamesInVariableQuery('label_values(a{x="y"}, app)')).toEqual(['a']);
  });
});
