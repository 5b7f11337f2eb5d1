import { type BucketDistribution, bucketDelta, counterDelta } from '@governor/metrics';
import type { AppSample } from './app-sample.js';

/** The change of one target's app counters over a window. */
export interface AppIncrease {
  /** Seconds between the two readings. */
  readonly seconds: number;
  readonly requests?: { readonly total: number; readonly errors: number };
  readonly latency?: BucketDistribution;
  /** Latest precomputed quantiles when the app exposes a summary. */
  readonly summary?: {
    readonly quantiles: Readonly<Record<string, number>>;
    readonly count: number;
    readonly sum: number;
  };
  /** Gauges: last value; counters: increase per second. */
  readonly custom: Readonly<Record<string, number>>;
}

/**
 * What changed between two samples of one target taken `seconds` apart.
 * Counters and histograms are reset-aware (an app restart makes the newer
 * reading the increase). A series missing from the earlier sample started
 * from zero since then: labelled prom-client metrics appear on their first
 * observation.
 */
export function appIncrease(prev: AppSample, cur: AppSample, seconds: number): AppIncrease {
  const custom: Record<string, number> = {};
  for (const [name, c] of Object.entries(cur.custom)) {
    if (!c.counter) custom[name] = c.value;
    else {
      const before = prev.custom[name];
      if (before && seconds > 0) custom[name] = counterDelta(before.value, c.value) / seconds;
    }
  }
  const out: {
    seconds: number;
    requests?: { total: number; errors: number };
    latency?: BucketDistribution;
    summary?: AppIncrease['summary'];
    custom: Record<string, number>;
  } = { seconds, custom };
  if (cur.requests) {
    const before = prev.requests ?? { total: 0, errors: 0 };
    out.requests =
      cur.requests.total < before.total
        ? { ...cur.requests }
        : {
            total: cur.requests.total - before.total,
            errors: counterDelta(before.errors, cur.requests.errors),
          };
  }
  if (cur.latency?.kind === 'buckets') {
    const before = prev.latency?.kind === 'buckets' ? prev.latency : undefined;
    out.latency = before ? bucketDelta(before, cur.latency) : cur.latency;
  } else if (cur.latency?.kind === 'summary') {
    out.summary = { quantiles: cur.latency.quantiles, count: cur.latency.count, sum: cur.latency.sum };
  }
  return out;
}
