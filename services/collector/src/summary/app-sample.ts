import type { AppMetricNames } from '@governor/config';
import {
  type BucketDistribution,
  type MetricFamily,
  type MetricSeries,
  mergeDistributions,
  toBucketDistribution,
} from '@governor/metrics';
import {
  LATENCY_CANDIDATES,
  REQUEST_COUNTER_CANDIDATES,
  STATUS_LABEL_CANDIDATES,
  secondsPerUnit,
} from './metric-names.js';

/** Cumulative latency histogram of one scrape, all series merged, in seconds. */
export type HistogramTotals = BucketDistribution;

/** Precomputed quantiles of a summary (not mergeable), seconds. */
export interface SummaryTotals {
  readonly kind: 'summary';
  readonly quantiles: Readonly<Record<string, number>>;
  readonly count: number;
  readonly sum: number;
}

/** What one scrape says about the app, all counters cumulative. */
export interface AppSample {
  /** Requests served so far, and those answered with 5xx. */
  readonly requests?: { readonly total: number; readonly errors: number };
  readonly latency?: HistogramTotals | SummaryTotals;
  /** Custom metrics named in the policy: value, and whether it is a counter (reported as a rate). */
  readonly custom: Readonly<Record<string, { readonly value: number; readonly counter: boolean }>>;
  /** Which families were used, for logs and tests. */
  readonly sources: { readonly latency?: string; readonly requests?: string };
}

function findFamily(byName: Map<string, MetricFamily>, name: string): MetricFamily | undefined {
  return (
    byName.get(name) ??
    (name.endsWith('_total') ? byName.get(name.slice(0, -6)) : byName.get(`${name}_total`))
  );
}

function statusLabelOf(series: readonly MetricSeries[], explicit?: string): string | undefined {
  if (explicit) return explicit;
  for (const label of STATUS_LABEL_CANDIDATES) {
    if (series.some((s) => s.labels[label] !== undefined)) return label;
  }
  return undefined;
}

function isServerError(s: MetricSeries, label: string | undefined): boolean {
  if (!label) return false;
  const v = s.labels[label];
  return v !== undefined && v.length === 3 && v.startsWith('5');
}

/**
 * Merges a family's histogram series (one per label set) into one
 * cumulative histogram in seconds; series with other bounds are merged by
 * interpolation (mergeDistributions).
 */
function histogramTotals(f: MetricFamily, scale: number): HistogramTotals | undefined {
  const dists = f.series.filter((s) => s.buckets && s.buckets.length > 0).map((s) => toBucketDistribution(s));
  const merged = mergeDistributions(dists);
  if (merged?.kind !== 'buckets') return undefined;
  if (scale === 1) return merged;
  return { ...merged, bounds: merged.bounds.map((b) => b * scale), sum: merged.sum * scale };
}

function summaryTotals(f: MetricFamily, scale: number): SummaryTotals | undefined {
  // Summaries cannot be merged: use the series with the most observations.
  let best: MetricSeries | undefined;
  for (const s of f.series) if ((s.count ?? 0) >= (best?.count ?? -1)) best = s;
  if (!best?.quantiles) return undefined;
  const quantiles: Record<string, number> = {};
  for (const q of best.quantiles)
    if (Number.isFinite(q.value)) quantiles[String(q.quantile)] = q.value * scale;
  return { kind: 'summary', quantiles, count: best.count ?? 0, sum: (best.sum ?? 0) * scale };
}

function counterTotals(f: MetricFamily, statusLabel?: string): { total: number; errors: number } {
  const label = statusLabelOf(f.series, statusLabel);
  let total = 0;
  let errors = 0;
  for (const s of f.series) {
    const v = s.value ?? 0;
    if (!Number.isFinite(v)) continue;
    total += v;
    if (isServerError(s, label)) errors += v;
  }
  return { total, errors };
}

/**
 * Reads requests, latency and custom metrics from one scrape's families,
 * using the policy's names when given and the recognised conventions
 * otherwise. Requests come from the policy's counter, else from the latency
 * histogram's count, else from a recognised request counter.
 */
export function extractAppSample(families: readonly MetricFamily[], names: AppMetricNames): AppSample {
  const byName = new Map<string, MetricFamily>();
  for (const f of families) byName.set(f.name, f);

  let latencyFamily: MetricFamily | undefined;
  for (const n of names.latencyHistogram ? [names.latencyHistogram] : LATENCY_CANDIDATES) {
    const f = byName.get(n);
    if (f && (f.type === 'histogram' || f.type === 'summary')) {
      latencyFamily = f;
      break;
    }
  }
  let latency: HistogramTotals | SummaryTotals | undefined;
  let fromHistogram: { total: number; errors: number } | undefined;
  if (latencyFamily) {
    const scale = secondsPerUnit(latencyFamily.name, latencyFamily.unit);
    latency =
      latencyFamily.type === 'histogram'
        ? histogramTotals(latencyFamily, scale)
        : summaryTotals(latencyFamily, scale);
    const label = statusLabelOf(latencyFamily.series, names.statusLabel);
    let total = 0;
    let errors = 0;
    for (const s of latencyFamily.series) {
      const c = s.count ?? s.buckets?.[s.buckets.length - 1]?.count ?? 0;
      total += c;
      if (isServerError(s, label)) errors += c;
    }
    fromHistogram = { total, errors };
  }

  let requests: { total: number; errors: number } | undefined;
  let requestsSource: string | undefined;
  const explicit = names.requestsTotal ? findFamily(byName, names.requestsTotal) : undefined;
  if (explicit) {
    requests = counterTotals(explicit, names.statusLabel);
    requestsSource = explicit.name;
  } else if (fromHistogram && latencyFamily) {
    requests = fromHistogram;
    requestsSource = latencyFamily.name;
  } else if (!names.requestsTotal) {
    for (const n of REQUEST_COUNTER_CANDIDATES) {
      const f = findFamily(byName, n);
      if (f) {
        requests = counterTotals(f, names.statusLabel);
        requestsSource = f.name;
        break;
      }
    }
  }

  const custom: Record<string, { value: number; counter: boolean }> = {};
  for (const n of names.custom) {
    const f = findFamily(byName, n);
    if (!f) continue;
    let value = 0;
    for (const s of f.series) if (s.value !== undefined && Number.isFinite(s.value)) value += s.value;
    custom[n] = { value, counter: f.type === 'counter' };
  }

  return {
    ...(requests ? { requests } : {}),
    ...(latency ? { latency } : {}),
    custom,
    sources: {
      ...(latencyFamily ? { latency: latencyFamily.name } : {}),
      ...(requestsSource ? { requests: requestsSource } : {}),
    },
  };
}
