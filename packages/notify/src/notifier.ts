import type { ReceiverConfig } from '@governor/config';
import { sleep, TokenBucket } from '@governor/runtime';
import { alertKey } from './alert-key.js';
import { DEFAULT_RATE_LIMIT, DEFAULT_RETRY } from './defaults.js';
import { type DeliverContext, deliver } from './deliver.js';
import type { NotifierOptions } from './notifier-options.js';
import { renderRequest } from './render-request.js';
import { ResultTally } from './result-tally.js';
import type { NotifyAlert, NotifyEvent, NotifyLogger, NotifyResult } from './types.js';

interface ReceiverState {
  /** When the last notification of this alert to this receiver went out (or is going out). */
  lastSentAt?: number;
  /** Whether a firing notification reached the receiver (a resolve only follows a delivered trigger). */
  delivered: boolean;
}

interface ActiveAlert {
  alert: NotifyAlert;
  readonly startsAt: number;
  readonly receivers: Map<string, ReceiverState>;
}

const SILENT: NotifyLogger = { info: () => {}, warn: () => {} };

/**
 * Sends the autoscaler's own alerts to webhook (Alertmanager v4 shape),
 * Slack and PagerDuty receivers, for teams without Alertmanager.
 *
 * - `fire` notifies each named receiver once, then again at most every
 *   `repeatInterval` while the alert stays active; `resolve` sends a resolve
 *   message to receivers that got the alert.
 * - Deliveries retry with bounded, jittered backoff; each receiver has a
 *   token-bucket rate limit; notifications of one alert to one receiver go
 *   out in order.
 * - Never throws or rejects into the caller: failures are logged and counted
 *   (`counts()`, `onResult`). The returned promises settle when delivery is
 *   over, for callers (and tests) that want to wait.
 */
export class Notifier {
  private readonly receivers = new Map<string, ReceiverConfig>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly active = new Map<string, ActiveAlert>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly tally: ResultTally;
  private readonly abort = new AbortController();
  private readonly ctx: DeliverContext;
  private readonly now: () => number;
  private readonly logger: NotifyLogger;
  private closed = false;

  constructor(private readonly options: NotifierOptions) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? SILENT;
    this.tally = new ResultTally(options.onResult);
    const { burst, refillEvery } = { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
    const clock = { now: this.now };
    for (const r of options.receivers) {
      this.receivers.set(r.name, r);
      this.buckets.set(r.name, new TokenBucket({ burst, refillEveryMs: refillEvery }, clock));
    }
    this.ctx = {
      fetch: options.fetch ?? globalThis.fetch,
      policy: { ...DEFAULT_RETRY, ...options.retry },
      now: this.now,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? ((ms, signal) => sleep(ms, signal)),
      signal: this.abort.signal,
    };
  }

  /** Notifies `receiverNames` that `alert` fires (subject to repeatInterval and rate limits). */
  fire(alert: NotifyAlert, receiverNames: readonly string[]): Promise<void> {
    try {
      if (this.closed) return Promise.resolve();
      const now = this.now();
      const key = alertKey(alert.name, alert.app);
      let entry = this.active.get(key);
      if (!entry) {
        entry = { alert, startsAt: now, receivers: new Map() };
        this.active.set(key, entry);
      }
      entry.alert = alert;
      const tasks: Promise<void>[] = [];
      for (const name of new Set(receiverNames)) {
        const task = this.fireOne(entry, key, name, now);
        if (task) tasks.push(task);
      }
      return Promise.all(tasks).then(() => undefined);
    } catch (err) {
      this.logger.warn({ err: String(err), alert: alert?.name }, 'notify: fire failed');
      return Promise.resolve();
    }
  }

  /** Sends a resolve message for an active alert to every receiver it reached; a no-op otherwise. */
  resolve(name: string, app?: string): Promise<void> {
    try {
      if (this.closed) return Promise.resolve();
      const key = alertKey(name, app);
      const entry = this.active.get(key);
      if (!entry) return Promise.resolve();
      this.active.delete(key);
      const endsAt = this.now();
      const tasks: Promise<void>[] = [];
      for (const [receiverName, state] of entry.receivers) {
        const receiver = this.receivers.get(receiverName);
        if (!receiver || state.lastSentAt === undefined) continue;
        tasks.push(
          this.enqueue(key, receiverName, async () => {
            // Checked when the trigger before it has settled: no resolve for an alert never delivered.
            if (!state.delivered) return;
            const event: NotifyEvent = {
              alert: entry.alert,
              status: 'resolved',
              startsAt: entry.startsAt,
              endsAt,
              receiver,
            };
            await this.send(event);
          }),
        );
      }
      return Promise.all(tasks).then(() => undefined);
    } catch (err) {
      this.logger.warn({ err: String(err), alert: name }, 'notify: resolve failed');
      return Promise.resolve();
    }
  }

  /** Results so far, per receiver: `{ oncall: { ok: 3, error: 1 } }`. */
  counts(): Record<string, Partial<Record<NotifyResult, number>>> {
    return this.tally.snapshot();
  }

  /** Keys (`name` or `name/app`) of the alerts currently firing. */
  activeAlerts(): string[] {
    return [...this.active.keys()];
  }

  /**
   * Stops accepting alerts, waits up to `closeTimeout` for in-flight
   * notifications, then aborts the rest (pending retries end at once).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pending = Promise.allSettled([...this.chains.values()]);
    const grace = new AbortController();
    await Promise.race([pending, sleep(this.options.closeTimeout ?? 5000, grace.signal)]);
    grace.abort();
    this.abort.abort();
    await pending;
  }

  private fireOne(entry: ActiveAlert, key: string, name: string, now: number): Promise<void> | undefined {
    const receiver = this.receivers.get(name);
    if (!receiver) {
      this.count(name, 'unknown_receiver');
      this.logger.warn({ receiver: name, alert: key }, 'notify: unknown receiver');
      return undefined;
    }
    const state = entry.receivers.get(name) ?? { delivered: false };
    entry.receivers.set(name, state);
    if (state.lastSentAt !== undefined && now - state.lastSentAt < this.options.repeatInterval) {
      this.count(name, 'suppressed');
      return undefined;
    }
    if (!this.buckets.get(name)?.tryTake()) {
      this.count(name, 'rate_limited');
      this.logger.warn({ receiver: name, alert: key }, 'notify: rate limited, notification dropped');
      return undefined;
    }
    const previous = state.lastSentAt;
    state.lastSentAt = now; // reserved now, so a second fire() meanwhile is suppressed
    const event: NotifyEvent = { alert: entry.alert, status: 'firing', startsAt: entry.startsAt, receiver };
    return this.enqueue(key, name, async () => {
      if (await this.send(event)) state.delivered = true;
      else state.lastSentAt = previous; // not delivered: the next fire() tries again
    });
  }

  /** Runs `task` after the previous notification of the same alert to the same receiver. */
  private enqueue(key: string, receiver: string, task: () => Promise<void>): Promise<void> {
    const chainKey = `${key}\u0000${receiver}`;
    const next = (this.chains.get(chainKey) ?? Promise.resolve()).then(task).catch((err: unknown) => {
      this.logger.warn({ err: String(err), receiver, alert: key }, 'notify: unexpected failure');
    });
    this.chains.set(chainKey, next);
    void next.then(() => {
      if (this.chains.get(chainKey) === next) this.chains.delete(chainKey);
    });
    return next;
  }

  private async send(event: NotifyEvent): Promise<boolean> {
    const receiver = event.receiver.name;
    const key = alertKey(event.alert.name, event.alert.app);
    const rendered = renderRequest(event, this.options.externalUrl ?? '');
    if (!rendered.ok) {
      this.count(receiver, 'error');
      this.logger.warn(
        { receiver, alert: key, reason: rendered.reason },
        'notify: cannot build notification',
      );
      return false;
    }
    const outcome = await deliver(rendered.request, this.ctx);
    this.count(receiver, outcome.ok ? 'ok' : 'error');
    const fields = {
      receiver,
      alert: key,
      status: event.status,
      attempts: outcome.attempts,
      http: outcome.status,
    };
    if (outcome.ok) this.logger.info(fields, 'notify: sent');
    else this.logger.warn({ ...fields, reason: outcome.error }, 'notify: delivery failed');
    return outcome.ok;
  }

  private count(receiver: string, result: NotifyResult): void {
    this.tally.count(receiver, result);
  }
}
