import { describeError, GovernorError } from '@governor/errors';
import { systemTimers, type Timers } from './clock.js';

/** Options of {@link PeriodicLoop}. */
export interface PeriodicLoopOptions {
  /** Loop name, for errors and logs. */
  readonly name: string;
  /** ms between the end of one run and the start of the next; asked before each wait, so it may change or back off. */
  readonly interval: () => number;
  /** ms after which a run is abandoned; asked before each run. Default: the interval. */
  readonly timeout?: () => number;
  /**
   * ms an abandoned run keeps its place (the next run waits for it to settle)
   * before the loop goes on without it; asked at each timeout. Default: the
   * timeout. 0 lets the next run start beside it: for runs that are safe to
   * overlap and must not be late, such as lease renewals.
   */
  readonly grace?: () => number;
  /** One run. Its rejections are caught and reported to `onError`. */
  readonly run: (signal: AbortSignal) => Promise<void>;
  /**
   * Called with every failed or timed-out run (and a failed `interval` or
   * `timeout`), with a one-line message that names the loop. Default: ignore.
   */
  readonly onError?: (err: unknown, message: string) => void;
  /** Timers. Default: Node's, `unref()`ed. */
  readonly timers?: Timers;
}

/** Used when `interval` or `timeout` throws: the loop goes on at this pace. */
const FALLBACK_MS = 1000;

/**
 * A loop with the discipline of OpenTelemetry's periodic reader:
 * - runs never overlap: the next is scheduled when the previous settles, and
 *   `runOnce()` waits for a run in flight;
 * - a run never rejects out of the loop: errors go to `onError`;
 * - each run has a timeout: its signal aborts with `GOV_SERVICE_TICK_TIMEOUT`
 *   and the timeout is reported at once. The abandoned run keeps its place
 *   until it settles, for a grace (default: one more timeout) at most: a run
 *   that ignores its abort that long is reported again and left behind, so
 *   one stuck run never stops the loop;
 * - timers never keep the process alive;
 * - `stop()` cancels the timer and waits for the run in flight (an abandoned
 *   one for the rest of its grace at most).
 */
export class PeriodicLoop {
  private cancelTimer: (() => void) | undefined;
  private inFlight: Promise<void> | undefined;
  /** A timed-out run's place: settles when the run does or its grace ends. */
  private abandoned: Promise<void> | undefined;
  private running = false;
  /** Bumped by `stop()`: a run of an earlier start does not schedule the next one. */
  private epoch = 0;
  private readonly timers: Timers;

  constructor(private readonly options: PeriodicLoopOptions) {
    this.timers = options.timers ?? systemTimers;
  }

  /** Starts the loop; the first run happens after `delay` ms (default 0). Idempotent. */
  start(delay = 0): void {
    if (this.running) return;
    this.running = true;
    this.schedule(delay);
  }

  /** Runs once now (not overlapping a run in flight: waits for it first). Never rejects. */
  runOnce(): Promise<void> {
    return this.next(false);
  }

  /** Stops scheduling and waits for the run in flight. Idempotent. */
  async stop(): Promise<void> {
    this.running = false;
    this.epoch++;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    while (this.inFlight) await this.inFlight;
    if (this.abandoned) await this.abandoned;
  }

  private schedule(delay: number): void {
    if (!this.running) return;
    const epoch = this.epoch;
    this.cancelTimer = this.timers.after(delay, () => {
      this.cancelTimer = undefined;
      void this.next(true).then(() => {
        if (this.running && epoch === this.epoch) this.schedule(this.ask('interval', this.options.interval));
      });
    });
  }

  /** One run after the one in flight; a scheduled one is dropped when the loop stopped meanwhile. */
  private async next(scheduled: boolean): Promise<void> {
    while (this.inFlight) await this.inFlight;
    const run = this.execute(scheduled);
    this.inFlight = run;
    try {
      await run;
    } finally {
      if (this.inFlight === run) this.inFlight = undefined;
    }
  }

  private async execute(scheduled: boolean): Promise<void> {
    if (this.abandoned) await this.abandoned;
    if (scheduled && !this.running) return;
    const { name } = this.options;
    const limit = this.ask('timeout', this.options.timeout ?? this.options.interval);
    const abort = new AbortController();
    let cancel: (() => void) | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      cancel = this.timers.after(limit, () => resolve('timeout'));
    });
    const run = (async () => {
      try {
        await this.options.run(abort.signal);
      } catch (err) {
        // A run that fails after its timeout was reported already.
        if (!abort.signal.aborted) this.report(err, `${name} run failed: ${describeError(err)}`);
      }
    })();
    const outcome = await Promise.race([run.then(() => 'done' as const), timedOut]);
    cancel?.();
    if (outcome === 'done') return;
    const err = new GovernorError('GOV_SERVICE_TICK_TIMEOUT', `${name} run timed out after ${limit} ms`);
    abort.abort(err);
    this.report(err, err.message);
    this.abandon(run, this.options.grace ? this.ask('grace', this.options.grace) : limit);
  }

  /** Holds the loop's place for `run` until it settles, `grace` ms at most. */
  private abandon(run: Promise<void>, grace: number): void {
    if (grace <= 0) return;
    const { name } = this.options;
    let cancel: (() => void) | undefined;
    const graceOver = new Promise<'grace over'>((resolve) => {
      cancel = this.timers.after(grace, () => resolve('grace over'));
    });
    const place = Promise.race([run.then(() => 'settled' as const), graceOver]).then((outcome) => {
      cancel?.();
      if (this.abandoned === place) this.abandoned = undefined;
      if (outcome === 'grace over') {
        const err = new GovernorError(
          'GOV_SERVICE_TICK_TIMEOUT',
          `${name} run still going ${grace} ms after its abort; the loop goes on without it`,
        );
        this.report(err, err.message);
      }
    });
    this.abandoned = place;
  }

  /** `interval()`, `timeout()` or `grace()`; a throw is reported, and the loop goes on at {@link FALLBACK_MS}. */
  private ask(what: string, fn: () => number): number {
    try {
      const ms = fn();
      return Number.isFinite(ms) ? Math.max(0, ms) : FALLBACK_MS;
    } catch (err) {
      this.report(err, `${this.options.name} ${what} failed: ${describeError(err)}`);
      return FALLBACK_MS;
    }
  }

  private report(err: unknown, message: string): void {
    try {
      this.options.onError?.(err, message);
    } catch (hookErr) {
      // The error hook itself failed; nothing left to tell but stderr.
      process.stderr.write(`${this.options.name}: error hook failed: ${describeError(hookErr)}\n`);
    }
  }
}
