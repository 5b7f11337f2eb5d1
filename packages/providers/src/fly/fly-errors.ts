import { PermanentProviderError, type ProviderError, RetryableProviderError } from '../errors.js';

/** What the client knows about a failed Machines API response. */
export interface FlyFailure {
  readonly status: number;
  /** `error` (or `message`) of the body, or its raw text. */
  readonly text: string;
  /** `status` field of an ErrorResponse, e.g. `insufficient_capacity`. */
  readonly apiStatus?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly method: string;
  readonly path: string;
}

/** True for statuses worth retrying with backoff (throttling and server errors). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Maps a Machines API failure to a typed provider error. */
export function flyError(f: FlyFailure): ProviderError {
  const details = {
    status: f.status,
    method: f.method,
    path: f.path,
    ...(f.requestId ? { requestId: f.requestId } : {}),
    ...(f.apiStatus ? { apiStatus: f.apiStatus } : {}),
  };
  const msg = `fly ${f.method} ${f.path}: ${f.status} ${f.text}`;
  if (f.apiStatus === 'insufficient_capacity') {
    return new PermanentProviderError('GOV_PROVIDER_CAPACITY', msg, { details });
  }
  switch (f.status) {
    case 400:
    case 422:
      return new PermanentProviderError('GOV_PROVIDER_INVALID', msg, { details });
    case 401:
    case 403:
      return new PermanentProviderError('GOV_PROVIDER_AUTH', msg, { details });
    case 404:
      return new PermanentProviderError('GOV_PROVIDER_NOT_FOUND', msg, { details });
    case 408:
      return new RetryableProviderError('GOV_PROVIDER_TIMEOUT', msg, { details });
    case 409:
      // A lease held by someone else: it expires, so trying later may succeed.
      return new RetryableProviderError('GOV_PROVIDER_CONFLICT', msg, { details });
    case 412:
      return new PermanentProviderError('GOV_PROVIDER_CONFLICT', msg, { details });
    case 429:
      return new RetryableProviderError('GOV_PROVIDER_RATE_LIMITED', msg, {
        details,
        ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}),
      });
    default:
      if (f.status >= 500 || f.status === 0) {
        return new RetryableProviderError('GOV_PROVIDER_UNAVAILABLE', msg, { details });
      }
      return new PermanentProviderError('GOV_PROVIDER_UNKNOWN', msg, { details });
  }
}
