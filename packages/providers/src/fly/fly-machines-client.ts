import { fullJitterBackoff, sleep } from '@governor/runtime';
import { PermanentProviderError, RetryableProviderError } from '../errors.js';
import type { FlyClientOptions } from './fly-client-options.js';
import { type FlyFailure, flyError, isRetryableStatus } from './fly-errors.js';
import { flyRateLimit, KeyedBuckets } from './token-bucket.js';

/** One Machines API call. */
export interface FlyRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path under `/v1`, e.g. `/apps/web/machines`. */
  readonly path: string;
  /** Rate-limit action (`list`, `get`, `create`, `start`, `lease`, ...). */
  readonly action: string;
  /** Rate-limit target: the machine id, or the app name. */
  readonly target: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** `fly-machine-lease-nonce` to send. */
  readonly nonce?: string;
  /** Statuses returned to the caller instead of thrown (e.g. 404 on destroy). */
  readonly accept?: readonly number[];
  /**
   * For calls that must not take effect twice (create): asked after a failure
   * that the server may have acted on anyway (5xx, network error; not 429)
   * and before retrying. A response it returns ends the call as if the failed
   * attempt had answered it; `undefined` lets the retry go ahead.
   */
  readonly beforeRetry?: () => Promise<FlyResponse<unknown> | undefined>;
}

/** A response the caller accepted. */
export interface FlyResponse<T> {
  readonly status: number;
  readonly body: T;
}

/**
 * A small Machines API client: bearer auth, JSON, client-side token buckets
 * mirroring the API's rate limits, and bounded retries with jittered
 * exponential backoff on 429, 5xx and network errors within a total deadline.
 * The token is read at call time and never logged or put in an error.
 */
export class FlyMachinesClient {
  private readonly base: string;
  private readonly buckets: KeyedBuckets | null;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: FlyClientOptions) {
    const url = (o.apiUrl ?? 'https://api.machines.dev').replace(/\/+$/, '');
    this.base = url.endsWith('/v1') ? url : `${url}/v1`;
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? ((ms) => sleep(ms));
    // 10% under the API's limits: requests are limited when sent, the API counts them on arrival.
    const limits = (action: string) => {
      const l = flyRateLimit(action);
      return { rate: l.rate * 0.9, burst: l.burst };
    };
    this.buckets = o.rateLimit === false ? null : new KeyedBuckets(limits, this.now);
  }

  /** Sends one call, retrying within the bounds; throws a typed provider error. */
  async call<T>(req: FlyRequest): Promise<FlyResponse<T>> {
    const maxAttempts = this.o.maxAttempts ?? 5;
    const deadline = this.now() + (this.o.deadlineMs ?? 30_000);
    let last: FlyFailure | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await this.takeToken(req, deadline);
      const res = await this.attempt(req, deadline);
      if ('ok' in res) return res.ok as FlyResponse<T>;
      last = res.failure;
      if (!isRetryableStatus(last.status) && last.status !== 0) throw flyError(last);
      if (req.beforeRetry && last.status !== 429) {
        const done = await req.beforeRetry();
        if (done) return done as FlyResponse<T>;
      }
      const policy = { baseMs: this.o.backoffBaseMs ?? 200, maxMs: this.o.backoffMaxMs ?? 5_000 };
      const wait = fullJitterBackoff(attempt, policy, this.o.random ?? Math.random, last.retryAfterMs);
      this.o.log?.('warn', 'fly api call failed, will retry', {
        method: req.method,
        path: req.path,
        status: last.status,
        attempt,
        waitMs: wait,
      });
      if (attempt === maxAttempts || this.now() + wait >= deadline) break;
      await this.sleep(wait);
    }
    const cause = last ? flyError(last) : undefined;
    throw new RetryableProviderError(
      'GOV_PROVIDER_RETRIES_EXHAUSTED',
      `fly ${req.method} ${req.path}: gave up after retries (last: ${last?.status ?? 'none'} ${last?.text ?? ''})`,
      { cause, details: { method: req.method, path: req.path, lastStatus: last?.status } },
    );
  }

  private async takeToken(req: FlyRequest, deadline: number): Promise<void> {
    if (!this.buckets) return;
    const bucket = this.buckets.get(req.action, req.target);
    while (!bucket.tryTake()) {
      const wait = bucket.waitTime();
      if (this.now() + wait >= deadline) {
        throw new RetryableProviderError(
          'GOV_PROVIDER_RATE_LIMITED',
          `fly ${req.method} ${req.path}: client-side rate limit would exceed the call deadline`,
          { retryAfterMs: wait, details: { action: req.action } },
        );
      }
      await this.sleep(wait);
    }
  }

  private async attempt(
    req: FlyRequest,
    deadline: number,
  ): Promise<{ ok: FlyResponse<unknown> } | { failure: FlyFailure }> {
    const token = typeof this.o.token === 'function' ? this.o.token() : this.o.token.reveal();
    if (!token) {
      const env = typeof this.o.token === 'function' ? 'token' : this.o.token.env;
      throw new PermanentProviderError('GOV_PROVIDER_AUTH', `Machines API token (${env}) is not set`);
    }
    const qs = req.query ? `?${new URLSearchParams(req.query).toString()}` : '';
    const headers: Record<string, string> = {
      authorization: `${/^fm\d/.test(token) || token.startsWith('FlyV1 ') ? 'FlyV1' : 'Bearer'} ${token.replace(/^FlyV1 /, '')}`,
      accept: 'application/json',
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (req.nonce !== undefined) headers['fly-machine-lease-nonce'] = req.nonce;
    const timeout = Math.max(1, Math.min(this.o.attemptTimeoutMs ?? 10_000, deadline - this.now()));
    const base = { method: req.method, path: req.path };
    let res: Response;
    try {
      res = await fetch(`${this.base}${req.path}${qs}`, {
        method: req.method,
        headers,
        ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (err) {
      const text = err instanceof Error ? `${err.name}: ${err.message}` : 'network error';
      return { failure: { ...base, status: 0, text } };
    }
    const raw = await res.text().catch(() => '');
    let body: unknown = raw;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      // not JSON: keep the raw text
    }
    const requestId = res.headers.get('fly-request-id') ?? undefined;
    this.o.log?.('debug', 'fly api call', { ...base, status: res.status, requestId });
    if (res.ok || req.accept?.includes(res.status)) return { ok: { status: res.status, body } };
    const obj = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const text = String(obj.error ?? obj.message ?? raw).slice(0, 500);
    const retryAfter = Number(res.headers.get('retry-after'));
    return {
      failure: {
        ...base,
        status: res.status,
        text,
        ...(typeof obj.status === 'string' ? { apiStatus: obj.status } : {}),
        ...(requestId ? { requestId } : {}),
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      },
    };
  }

  /** Never reveals the token. */
  toJSON(): Record<string, unknown> {
    return { base: this.base };
  }
}
