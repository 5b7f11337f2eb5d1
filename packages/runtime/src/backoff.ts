/** An exponential backoff: a ceiling that doubles per retry, up to a cap. */
export interface BackoffPolicy {
  /** Ceiling of the first retry's delay, ms. */
  readonly baseMs: number;
  /** Largest delay, ms (a server's Retry-After included). */
  readonly maxMs: number;
}

/** The ceiling before retry `retry` (1 = the first): `min(maxMs, baseMs * 2^(retry-1))`. */
export function backoffCeiling(retry: number, policy: BackoffPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(0, retry - 1), 1023));
}

/**
 * The delay before retry `retry` (1 = the first), full jitter: uniform in
 * `[0, ceiling)`, whole ms, so that clients failing together do not retry in
 * lockstep. `atLeastMs` (a server's Retry-After) raises it, still capped at
 * `maxMs`. `random` returns numbers in [0, 1).
 */
export function fullJitterBackoff(
  retry: number,
  policy: BackoffPolicy,
  random: () => number,
  atLeastMs?: number,
): number {
  const jittered = Math.floor(random() * backoffCeiling(retry, policy));
  return Math.min(policy.maxMs, Math.max(jittered, atLeastMs ?? 0));
}
