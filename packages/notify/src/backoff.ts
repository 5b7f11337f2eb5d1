import type { RetryPolicy } from './types.js';

/** Defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelay: 500,
  maxDelay: 30_000,
  timeout: 10_000,
};

/**
 * Delay before retry number `retry` (1 = first retry): exponential backoff
 * with full jitter, `random() * min(maxDelay, baseDelay * 2^(retry-1))`, so
 * that many notifiers failing together do not retry in lockstep. A server's
 * `Retry-After` (ms) raises the delay, still capped at `maxDelay`.
 */
export function backoffDelay(
  retry: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfter?: number,
): number {
  const cap = Math.min(policy.maxDelay, policy.baseDelay * 2 ** Math.max(0, retry - 1));
  const jittered = Math.floor(random() * cap);
  return Math.min(policy.maxDelay, Math.max(jittered, retryAfter ?? 0));
}

/** Parses a `Retry-After` header (seconds or an HTTP date) into ms from `now`; undefined when absent or bad. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
