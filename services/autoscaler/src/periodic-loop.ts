import { describeError, GovernorError } from '@governor/errors';

/** Options of {@link PeriodicLoop}. */
export interface PeriodicLoopOptions {
  /** Loop name, for errors and logs. */
  readonly name: string;
  /** ms between the end of one run and the start of the next; read before each wait. */
  readonly interval: () => number;
  /** A run is abandoned (its signal aborted) after this many ms. Default: the interval. */
  readonly timeout?: () => number;
  /** One run. Its rejections are caught and reported to `onError`. */
  readonly run: (signal: AbortSignal) => Promise<void>;
  /** Called with every failed or timed-out run. Default: ignore. */
  readonly onError?: (err: unknown) => void;
}

/**
 * A loop with the discipline of OpenTelemetry's periodic reader: runs never
 * overlap (the next is scheduled when the previous settles), a run never
 * rejects out of the loop, each run has a timeout, the timer is unref'd, and
 * `stop()` cancels the timer and waits for the run in flight.
 */
export class PeriodicLoop {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private running = false;

  constructor(private readonly options: PeriodicLoopOptions) {}

  /** Starts the loop; the first run happens after `delay` ms (default 0). */
  start(delay = 0): void {
    if (this.running) return;
    this.running = true;
    this.schedule(delay);
  }

  /**
   * Runs once now (not overlapping a run in flight: waits for it first).
   * Never rejects.
   */
  async runOnce(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    const run = this.execute();
    this.inFlight = run;
    try {
      await run;
    } finally {
      if (this.inFlight === run) this.inFlight = undefined;
    }
  }

  /** Stops scheduling and waits for the run in flight. Idempotent. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.inFlight) await this.inFlight;
  }

  private schedule(delay: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runOnce().then(() => this.schedule(this.options.interval()));
    }, delay);
    this.timer.unref();
  }

  private async execute(): Promise<void> {
    const abort = new AbortController();
    const limit = this.options.timeout?.() ?? this.options.interval();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        const err = new GovernorError(
          'GOV_SERVICE_TICK_TIMEOUT',
          `${this.options.name} run exceeded ${limit} ms`,
        );
        abort.abort(err);
        this.report(err);
        resolve();
      }, limit);
      timer.unref();
    });
    const run = (async () => {
      try {
        await this.options.run(abort.signal);
      } catch (err) {
        if (!abort.signal.aborted) this.report(err);
      }
    })();
    await Promise.race([run, timedOut]);
    clearTimeout(timer);
  }

  private report(err: unknown): void {
    try {
      this.options.onError?.(err);
    } catch (hookErr) {
      // The error hook itself failed; nothing left to tell but stderr.
      process.stderr.write(`${this.options.name}: error hook failed: ${describeError(hookErr)}\n`);
    }
  }
}
