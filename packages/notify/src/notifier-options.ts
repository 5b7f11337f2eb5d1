import type { ReceiverConfig } from '@governor/config';
import type { FetchLike, NotifyLogger, NotifyResult, RateLimit, RetryPolicy } from './types.js';

/** Options of {@link Notifier}. */
export interface NotifierOptions {
  /** Receivers by name (`alerting.receivers` of the config). */
  readonly receivers: readonly ReceiverConfig[];
  /** Minimum ms between two notifications of the same firing alert to one receiver (`alerting.repeatInterval`). */
  readonly repeatInterval: number;
  /** HTTP client. Default: the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Clock (ms since epoch). Default `Date.now`. */
  readonly now?: () => number;
  /** Default: a logger that drops everything. */
  readonly logger?: NotifyLogger;
  /** Retry policy; missing fields take {@link DEFAULT_RETRY}'s (4 attempts, 500ms base, 30s cap, 10s timeout). */
  readonly retry?: Partial<RetryPolicy>;
  /** Per-receiver rate limit; default 10 at once, then one every 6s. Resolves are never rate limited. */
  readonly rateLimit?: Partial<RateLimit>;
  /** Jitter source in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  /** Waits between retries. Default: an unref()ed timer that close() cancels. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Called once per receiver and notification with its result (e.g. to count `governor_notifications_total`). */
  readonly onResult?: (receiver: string, result: NotifyResult) => void;
  /** Shown as `externalURL`/`generatorURL` in webhook payloads, e.g. the autoscaler's URL. Default ''. */
  readonly externalUrl?: string;
  /** How long close() waits (ms) for in-flight notifications before aborting them. Default 5000. */
  readonly closeTimeout?: number;
}
