import { type ErrorCode, GovernorError, type GovernorErrorOptions } from '@governor/errors';

/** A provider error that is worth retrying (throttling, 5xx, network). */
export class RetryableProviderError extends GovernorError {
  readonly retryable = true as const;
  /** Suggested wait before retrying, in ms, when the provider said so. */
  readonly retryAfterMs?: number;
  constructor(
    code: ErrorCode,
    message: string,
    options: GovernorErrorOptions & { retryAfterMs?: number } = {},
  ) {
    super(code, message, options);
    this.name = 'RetryableProviderError';
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** A provider error that will fail again if retried (bad input, auth, not found, conflict). */
export class PermanentProviderError extends GovernorError {
  readonly retryable = false as const;
  constructor(code: ErrorCode, message: string, options: GovernorErrorOptions = {}) {
    super(code, message, options);
    this.name = 'PermanentProviderError';
  }
}

export type ProviderError = RetryableProviderError | PermanentProviderError;

/** True when the error says a retry may succeed. */
export function isRetryable(err: unknown): boolean {
  return err instanceof RetryableProviderError;
}
