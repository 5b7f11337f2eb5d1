import type { SummaryQuantiles } from '../snapshot.js';

/** A summary series as the parser returns it. */
export interface SummaryLike {
  readonly quantiles?: readonly { readonly quantile: number; readonly value: number }[];
  readonly count?: number;
  readonly sum?: number;
}

/**
 * Converts one parsed summary series into the snapshot form. Summaries are
 * per-instance only and marked not mergeable.
 */
export function toSummaryQuantiles(series: SummaryLike): SummaryQuantiles {
  const quantiles: Record<string, number> = {};
  for (const q of series.quantiles ?? []) quantiles[String(q.quantile)] = q.value;
  return { kind: 'summary', mergeable: false, quantiles, count: series.count ?? 0, sum: series.sum ?? 0 };
}
