import { describe, expect, it } from 'vitest';
import { ALL_METRICS, exportedSeriesNames } from '../src/index.js';

describe('metric names', () => {
  it('are unique, prefixed and valid Prometheus names', () => {
    const names = ALL_METRICS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^governor_[a-z0-9_]+$/);
  });
  it('counters end in _total and others do not', () => {
    for (const m of ALL_METRICS) expect(m.name.endsWith('_total')).toBe(m.type === 'counter');
  });
  it('lists histogram series with their suffixes', () => {
    const series = exportedSeriesNames();
    expect(series.has('governor_tick_duration_seconds_bucket')).toBe(true);
    expect(series.has('governor_tick_duration_seconds')).toBe(false);
    expect(series.has('governor_machines')).toBe(true);
  });
});
