import { Agent, request } from 'node:http';
import { type Clock, PeriodicLoop, type Timers } from '@governor/runtime';

/** Options of {@link LoadDriver}. */
export interface LoadDriverOptions {
  /** URL to GET, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  /** Requests per second wanted now; read on every pacing step. */
  readonly rate: () => number;
  /** Requests in flight at most; beyond it sends are counted as `dropped`. Default 512. */
  readonly maxInFlight?: number;
  /** Per-request timeout in ms. Default 10000. */
  readonly timeoutMs?: number;
  /** Pacing step in ms. Default 20. */
  readonly stepMs?: number;
  /** Called with a failed pacing step (e.g. `rate()` throwing); the next step goes on. Default: ignore. */
  readonly onError?: (err: unknown, message: string) => void;
  /** Monotonic ms the pacing reads elapsed time from. Default `performance.now()`. */
  readonly clock?: Clock;
  /** Timers of the pacing loop. Default: Node's, `unref()`ed. */
  readonly timers?: Timers;
}

const monotonic: Clock = { now: () => performance.now() };

/** Counters of a {@link LoadDriver}. */
export interface LoadStats {
  sent: number;
  /** Responses by status code. */
  byStatus: Record<number, number>;
  /** Connection errors and timeouts. */
  failed: number;
  /** Sends skipped because `maxInFlight` requests were outstanding. */
  dropped: number;
}

/**
 * An open-loop HTTP load generator: it sends at the wanted rate whatever the
 * latency (as real users do), so an overloaded fleet sees its queue grow.
 * Each pacing step (a {@link PeriodicLoop} run every `stepMs`) sends what the
 * time elapsed since the last step earned, so a late or failed step is made
 * up by the next. `stop()` waits for requests in flight.
 */
export class LoadDriver {
  readonly stats: LoadStats = { sent: 0, byStatus: {}, failed: 0, dropped: 0 };
  private readonly agent: Agent;
  private readonly loop: PeriodicLoop;
  private readonly clock: Clock;
  private started = false;
  private credit = 0;
  private last = 0;
  private inFlight = 0;
  private drained: (() => void) | undefined;

  constructor(private readonly options: LoadDriverOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxInFlight ?? 512 });
    this.clock = options.clock ?? monotonic;
    const stepMs = options.stepMs ?? 20;
    this.loop = new PeriodicLoop({
      name: 'load driver step',
      interval: () => stepMs,
      timeout: () => Math.max(stepMs, 1000),
      run: async () => this.step(),
      ...(options.onError ? { onError: options.onError } : {}),
      ...(options.timers ? { timers: options.timers } : {}),
    });
  }

  /** Starts sending; the first step comes `stepMs` from now. Idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.last = this.clock.now();
    this.loop.start(this.options.stepMs ?? 20);
  }

  /** Stops sending, waits for outstanding requests, closes sockets. */
  async stop(): Promise<void> {
    this.started = false;
    await this.loop.stop();
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    this.agent.destroy();
  }

  private step(): void {
    const now = this.clock.now();
    this.credit += (Math.max(0, this.options.rate()) * (now - this.last)) / 1000;
    this.last = now;
    const max = this.options.maxInFlight ?? 512;
    while (this.credit >= 1) {
      this.credit -= 1;
      if (this.inFlight >= max) this.stats.dropped++;
      else this.send();
    }
  }

  private send(): void {
    this.inFlight++;
    this.stats.sent++;
    const done = () => {
      this.inFlight--;
      if (this.inFlight === 0 && this.drained) {
        const d = this.drained;
        this.drained = undefined;
        d();
      }
    };
    const req = request(
      this.options.url,
      { agent: this.agent, timeout: this.options.timeoutMs ?? 10_000 },
      (res) => {
        const code = res.statusCode ?? 0;
        this.stats.byStatus[code] = (this.stats.byStatus[code] ?? 0) + 1;
        res.resume();
        res.on('end', done);
        res.on('error', done);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      this.stats.failed++;
      done();
    });
    req.end();
  }
}
