import { fullJitterBackoff } from '@governor/runtime';
import { parseRetryAfter } from './retry-after.js';
import type { FetchLike, HttpRequest, RetryPolicy } from './types.js';

/** What {@link deliver} needs besides the request. */
export interface DeliverContext {
  readonly fetch: FetchLike;
  readonly policy: RetryPolicy;
  readonly now: () => number;
  readonly random: () => number;
  /** Waits `ms`; resolves early when `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Aborts in-flight requests and pending retries (the notifier closing). */
  readonly signal: AbortSignal;
}

/** The outcome of one delivery (all its attempts). Never an exception. */
export interface DeliveryOutcome {
  readonly ok: boolean;
  readonly attempts: number;
  /** HTTP status of the last answer, if any. */
  readonly status?: number;
  /** Why the last attempt failed. */
  readonly error?: string;
  /** Delays (ms) waited before each retry. */
  readonly delays: readonly number[];
}

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * POSTs `request` with bounded retries: network errors, timeouts, 408, 429
 * and 5xx are retried after a jittered exponential backoff (honouring
 * Retry-After up to `maxDelay`); other 4xx answers stop at once.
 */
export async function deliver(request: HttpRequest, ctx: DeliverContext): Promise<DeliveryOutcome> {
  const delays: number[] = [];
  let status: number | undefined;
  let error: string | undefined;
  for (let attempt = 1; attempt <= ctx.policy.maxAttempts; attempt++) {
    if (ctx.signal.aborted)
      return { ok: false, attempts: attempt - 1, status, error: 'notifier closed', delays };
    let retryAfter: number | undefined;
    try {
      const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.policy.timeout)]);
      const res = await ctx.fetch(request.url, {
        method: 'POST',
        headers: { ...request.headers },
        body: request.body,
        signal,
      });
      status = res.status;
      const text = await readBody(res);
      if (status >= 200 && status < 300) return { ok: true, attempts: attempt, status, delays };
      error = `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`;
      if (!retryable(status)) return { ok: false, attempts: attempt, status, error, delays };
      retryAfter = parseRetryAfter(res.headers.get('retry-after'), ctx.now());
    } catch (err) {
      status = undefined;
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    if (attempt < ctx.policy.maxAttempts) {
      const { baseDelay: baseMs, maxDelay: maxMs } = ctx.policy;
      const delay = fullJitterBackoff(attempt, { baseMs, maxMs }, ctx.random, retryAfter);
      delays.push(delay);
      await ctx.sleep(delay, ctx.signal);
    }
  }
  return { ok: false, attempts: ctx.policy.maxAttempts, status, error, delays };
}

/** Reads (and so releases) the response body when the fetch implementation has one. */
async function readBody(res: Awaited<ReturnType<FetchLike>>): Promise<string> {
  const withText = res as { text?: () => Promise<string> };
  if (typeof withText.text !== 'function') return '';
  try {
    return await withText.text();
  } catch {
    return '';
  }
}
