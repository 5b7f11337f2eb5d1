import type { DiscoveredInstance } from './discovered-instance.js';

/** Filters and order of an instance list request. */
export interface InstanceQuery {
  /** Only instances in this region. */
  readonly region?: string;
  /** Only ready (true) or only not-ready (false) instances. */
  readonly ready?: boolean;
  /** Order by nearness to this region: it first, then `regionOrder[near]`, then the rest by name. */
  readonly near?: string;
}

/**
 * The regions in the order `near` prefers them: `near` itself, then its
 * configured fallbacks, then every other region of `present` by name.
 */
export function regionPreference(
  near: string,
  present: Iterable<string>,
  regionOrder: Readonly<Record<string, readonly string[]>>,
): string[] {
  const out = [near];
  for (const r of regionOrder[near] ?? []) if (!out.includes(r)) out.push(r);
  for (const r of [...new Set(present)].sort()) if (!out.includes(r)) out.push(r);
  return out;
}

/**
 * Applies `query` to `instances`: filters by region and readiness, then
 * orders by region preference when `near` is given (by region then id
 * otherwise), ids ascending within a region. Pure.
 */
export function selectInstances(
  instances: readonly DiscoveredInstance[],
  query: InstanceQuery,
  regionOrder: Readonly<Record<string, readonly string[]>>,
): DiscoveredInstance[] {
  const kept = instances.filter(
    (i) =>
      (query.region === undefined || i.region === query.region) &&
      (query.ready === undefined || i.ready === query.ready),
  );
  const order =
    query.near === undefined
      ? [...new Set(kept.map((i) => i.region))].sort()
      : regionPreference(
          query.near,
          kept.map((i) => i.region),
          regionOrder,
        );
  const rank = new Map(order.map((r, n) => [r, n]));
  return kept.sort(
    (a, b) =>
      (rank.get(a.region) ?? 0) - (rank.get(b.region) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
