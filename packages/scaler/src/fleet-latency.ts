import { isGovernorError } from '@governor/errors';
import {
  type BucketDistribution,
  cumulativeQuantile,
  distributionQuantile,
  type LatencyDistribution,
  mergeDistributions,
} from '@governor/metrics';
import type { MachineObservation } from './types.js';

/** A fleet latency quantile and how it was obtained. */
export interface FleetQuantile {
  /** Milliseconds. */
  readonly ms: number;
  /** Observations behind it (always > 0: an empty window has no quantile). */
  readonly count: number;
  /** `merged` (histograms or sketches), or `max-of-summaries` (summaries do not merge). */
  readonly method: 'merged' | 'max-of-summaries';
}

/**
 * The fleet quantile `q` (0..1) of the machines' latency distributions,
 * the one seam between the scaler and the distribution maths: mergeable
 * distributions are merged with `@governor/metrics` `mergeDistributions`,
 * then `distributionQuantile` is taken (averaging or taking the max of
 * per-machine quantiles is wrong). Zero observations give no value (as
 * Prometheus and HPA treat an empty histogram), never 0 ms: an idle window
 * says nothing about latency. When only summaries were reported (not mergeable), the largest
 * per-machine quantile is used as a conservative stand-in. Returns
 * undefined when nothing usable was reported (or the kinds cannot be merged).
 */
export function fleetQuantile(dists: readonly LatencyDistribution[], q: number): FleetQuantile | undefined {
  if (dists.length === 0) return undefined;
  const fast = sameBoundsQuantile(dists, q);
  if (fast === EMPTY) return undefined;
  if (fast !== undefined) return fast;
  let merged: LatencyDistribution | undefined;
  try {
    merged = mergeDistributions(dists);
  } catch (err) {
    if (isGovernorError(err)) return undefined;
    throw err;
  }
  if (merged !== undefined) {
    if (!(merged.count > 0)) return undefined;
    const s = distributionQuantile(merged, q);
    return Number.isFinite(s) ? { ms: s * 1000, count: merged.count, method: 'merged' } : undefined;
  }
  let max: number | undefined;
  let count = 0;
  for (const d of dists) {
    if (d.kind !== 'summary') continue;
    count += d.count;
    const v = d.quantiles[String(q)];
    if (v !== undefined && Number.isFinite(v) && (max === undefined || v > max)) max = v;
  }
  return max === undefined || !(count > 0)
    ? undefined
    : { ms: max * 1000, count, method: 'max-of-summaries' };
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Finite and strictly ascending, as the same-bounds merge requires. */
function usableBounds(bounds: readonly number[]): boolean {
  const n = bounds.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const b = bounds[i] as number;
    if (!Number.isFinite(b) || (i > 0 && b <= (bounds[i - 1] as number))) return false;
  }
  return true;
}

/**
 * `n` zeros, the merged counts of one call: a plain array (V8 keeps a typed
 * array of this size outside the JS heap, and making one per call measured
 * slower in `bench:decide`).
 */
function zeros(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0);
  return out;
}

/** Adds one histogram's cumulative counts and total into `counts` (same bounds, `n` of them). */
function addBuckets(counts: number[], d: BucketDistribution, n: number): void {
  const c = d.cumulative;
  for (let i = 0; i < n; i++) counts[i] = (counts[i] as number) + (c[i] as number);
  counts[n] = (counts[n] as number) + d.count;
}

/**
 * The common case without intermediate objects: histograms that all share
 * the same strictly ascending finite bounds are added bucket by bucket into
 * one array of cumulative counts (`n` finite buckets, then the total) and the
 * quantile is `@governor/metrics` `cumulativeQuantile` of it, the
 * interpolation step of `histogramQuantile`. Gives exactly
 * `distributionQuantile(mergeDistributions(d), q)` (a test holds the two
 * equal); undefined when the case does not apply.
 */
function sameBoundsQuantile(
  dists: readonly LatencyDistribution[],
  q: number,
): FleetQuantile | typeof EMPTY | undefined {
  const first = dists[0];
  if (first === undefined || first.kind !== 'buckets' || !(q >= 0 && q <= 1)) return undefined;
  const bounds = first.bounds;
  if (!usableBounds(bounds)) return undefined;
  const n = bounds.length;
  const counts = zeros(n + 1);
  for (const d of dists) {
    if (d.kind !== 'buckets' || !sameBounds(d.bounds, bounds)) return undefined;
    addBuckets(counts, d, n);
  }
  return quantileOfMerged(counts, bounds, q);
}

/** {@link quantileOfMerged}: the merged counts hold no observation. */
const EMPTY = Symbol('empty');

/** What a latency target reads from a scope's machines. */
export interface LatencySamples {
  /** {@link fleetQuantile} of the reported distributions; undefined when none is usable. */
  readonly quantile: FleetQuantile | undefined;
  /** Machines that are ready. */
  readonly ready: number;
  /** Machines that reported a latency distribution. */
  readonly reported: number;
  /** The reported distributions hold no observation at all: no request in the window. */
  readonly empty: boolean;
}

/**
 * The fleet quantile `q` of the latency distributions of `machines` (those
 * that report one), with the ready and reporting machine counts, in one pass
 * and without collecting the distributions first when they all share the
 * same bounds: the per-tick path of `decide`. The quantile is exactly
 * `fleetQuantile` of the reported distributions in machine order (a test
 * holds the two equal).
 */
export function latencySamples(machines: readonly MachineObservation[], q: number): LatencySamples {
  let ready = 0;
  let reported = 0;
  let bounds: readonly number[] | undefined;
  let n = 0;
  let counts: number[] | undefined;
  // Summing stops at the first distribution the same-bounds merge cannot take.
  let same = q >= 0 && q <= 1;
  for (let i = 0; i < machines.length; i++) {
    const m = machines[i] as MachineObservation;
    if (m.ready) ready++;
    const d = m.metrics?.latency;
    if (d === undefined) continue;
    reported++;
    if (!same) continue;
    if (d.kind !== 'buckets') same = false;
    else if (bounds === undefined) {
      bounds = d.bounds;
      n = bounds.length;
      same = usableBounds(bounds);
      if (same) {
        counts = zeros(n + 1);
        addBuckets(counts, d, n);
      }
    } else if (sameBounds(d.bounds, bounds)) addBuckets(counts as number[], d, n);
    else same = false;
  }
  if (reported === 0) return { quantile: undefined, ready, reported, empty: false };
  const fast = same ? quantileOfMerged(counts as number[], bounds as readonly number[], q) : undefined;
  if (fast === EMPTY) return { quantile: undefined, ready, reported, empty: true };
  if (fast !== undefined) return { quantile: fast, ready, reported, empty: false };
  const dists: LatencyDistribution[] = [];
  let observed = 0;
  for (const m of machines) {
    const d = m.metrics?.latency;
    if (d === undefined) continue;
    dists.push(d);
    observed += d.count;
  }
  return { quantile: fleetQuantile(dists, q), ready, reported, empty: observed === 0 };
}

/**
 * `cumulativeQuantile` of merged cumulative counts (`bounds.length` finite
 * buckets, then the total), which repairs `counts` in place. Undefined when
 * the quantile is not finite (a NaN total, a total of zero after the repair,
 * or 0/0 at q = 0 over an empty first bucket): the general path decides then,
 * and finds no usable value either.
 */
function quantileOfMerged(
  counts: number[],
  bounds: readonly number[],
  q: number,
): FleetQuantile | typeof EMPTY | undefined {
  // Emptiness is read from the reported totals before the repair, as the
  // general path reads `count`: a window whose totals say no request has no
  // quantile even when a malformed bucket above them is not zero.
  const reported = counts[bounds.length] as number;
  if (reported === 0) return EMPTY;
  const s = cumulativeQuantile(q, bounds, counts, bounds.length);
  return Number.isFinite(s) ? { ms: s * 1000, count: reported, method: 'merged' } : undefined;
}
