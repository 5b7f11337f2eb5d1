import type { ReceiverConfig, Severity } from '@governor/config';

/** An alert the autoscaler raises itself (action failing, pinned at max, config invalid). */
export interface NotifyAlert {
  /** Alert name, e.g. `GovernorAppScaleActionsFailing`. With `app`, identifies the alert. */
  readonly name: string;
  readonly app?: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly description: string;
  /** Extra labels (team, region...). `alertname`, `app` and `severity` are always set from the fields. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly runbookUrl?: string;
}

/** Whether a notification announces or clears an alert. */
export type NotifyStatus = 'firing' | 'resolved';

/** One notification to render for one receiver. */
export interface NotifyEvent {
  readonly alert: NotifyAlert;
  readonly status: NotifyStatus;
  /** When the alert started firing (ms since epoch). */
  readonly startsAt: number;
  /** When it was resolved (ms since epoch), for `resolved` events. */
  readonly endsAt?: number;
  readonly receiver: ReceiverConfig;
}

/** An HTTP request ready to send. */
export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The subset of `fetch` the notifier uses (inject a fake or an instrumented one). */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ readonly status: number; readonly headers: { get(name: string): string | null } }>;

/** The subset of a (pino) logger the notifier uses. */
export interface NotifyLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

/**
 * The outcome of one notification for one receiver, as counted by
 * `governor_notifications_total{receiver,result}`:
 * `ok` delivered; `error` failed after retries (or permanently);
 * `suppressed` not sent because the same alert was sent within `repeatInterval`;
 * `rate_limited` dropped by the receiver's rate limit; `unknown_receiver`.
 */
export type NotifyResult = 'ok' | 'error' | 'suppressed' | 'rate_limited' | 'unknown_receiver';

/** Retry policy of one delivery: bounded attempts, exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Total attempts including the first. Default 4. */
  readonly maxAttempts: number;
  /** Delay cap before the first retry, in ms. Default 500. */
  readonly baseDelay: number;
  /** Largest delay between attempts, in ms (also caps Retry-After). Default 30000. */
  readonly maxDelay: number;
  /** Per-attempt timeout in ms. Default 10000. */
  readonly timeout: number;
}

/** Per-receiver rate limit: a token bucket. */
export interface RateLimit {
  /** Notifications that may go out back to back. Default 10. */
  readonly burst: number;
  /** One token comes back every `refillEvery` ms. Default 6000 (10 per minute). */
  readonly refillEvery: number;
}
