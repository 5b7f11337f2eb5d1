/**
 * The increase of a counter between two readings, reset-aware: when the
 * counter went down it was reset (process restart) and the current value is
 * the increase since the reset, as PromQL's `increase` assumes.
 */
export function counterDelta(prev: number, cur: number): number {
  if (Number.isNaN(prev) || Number.isNaN(cur)) return Number.NaN;
  return cur >= prev ? cur - prev : cur;
}

/**
 * Per-second rate of a counter between two readings taken `elapsedMs` apart
 * (reset-aware like {@link counterDelta}). NaN when no time elapsed.
 */
export function counterRate(prev: number, cur: number, elapsedMs: number): number {
  if (!(elapsedMs > 0)) return Number.NaN;
  return counterDelta(prev, cur) / (elapsedMs / 1000);
}
