import type { RateLimit, RetryPolicy } from './types.js';

/** Defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelay: 500,
  maxDelay: 30_000,
  timeout: 10_000,
};

/** Defaults of {@link RateLimit}: 10 at once, then 10 per minute. */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 10, refillEvery: 6000 };
