import { describeError } from '@governor/errors';

/** Options for {@link PeriodicTask}. */
export interface PeriodicTaskOptions {
  /** Name for logs. */
  name: string;
  /** The work of one run. Its rejection is reported to `onError`, never thrown. */
  run: (signal: AbortSignal) => Promise<void>;
  /** Delay before the next run, ms, asked after each run (so it may back off). */
  nextDelayMs: () => number;
  /** A run still going after this many ms is abandoned (its signal aborts) and reported. */
  timeoutMs: number;
  /** Called with a run's error or timeout. Default: ignore. */
  onError?: (err: unknown, message: string) => void;
}

/**
 * A loop with the discipline of OpenTelemetry's periodic exporter: runs never
 * overlap (the next is scheduled only after the previous settled), a run
 * never rejects, each run has a timeout (on expiry its signal aborts, the
 * timeout is reported, and the next run still waits for it to settle),
 * timers are unref()ed, and stop() clears the timer and waits for the run in
 * flight.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private running = false;
  /** A run that timed out but has not settled yet; the next run waits for it. */
  private abandoned: Promise<void> | undefined;

  constructor(private readonly options: PeriodicTaskOptions) {}

  /** Starts the loop; the first run happens after `firstDelayMs` (default 0). Idempotent. */
  start(firstDelayMs = 0): void {
    if (this.running) return;
    this.running = true;
    this.schedule(firstDelayMs);
  }

  /** Runs once now (waiting for a run in flight first); never rejects. */
  async runNow(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    // A timed-out run was told to abort; never start another beside it.
    if (this.abandoned) await this.abandoned;
    const run = this.runGuarded();
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
    if (this.abandoned) {
      // Bounded: a run that ignores its abort signal must not hang shutdown.
      let t: NodeJS.Timeout | undefined;
      await Promise.race([this.abandoned, new Promise((r) => (t = setTimeout(r, this.options.timeoutMs)))]);
      clearTimeout(t);
    }
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.runNow().then(() => this.schedule(this.nextDelay()));
      },
      Math.max(0, delayMs),
    );
    this.timer.unref();
  }

  private nextDelay(): number {
    try {
      return this.options.nextDelayMs();
    } catch {
      return 1000;
    }
  }

  private async runGuarded(): Promise<void> {
    const { name, timeoutMs, onError } = this.options;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      timer.unref();
    });
    try {
      const run = this.options.run(controller.signal);
      const outcome = await Promise.race([run.then(() => 'done' as const), timeout]);
      if (outcome === 'timeout') {
        controller.abort();
        const abandoned: Promise<void> = run.then(
          () => {},
          () => {},
        );
        this.abandoned = abandoned;
        void abandoned.then(() => {
          if (this.abandoned === abandoned) this.abandoned = undefined;
        });
        onError?.(new Error(`${name} run timed out after ${timeoutMs} ms`), `${name} run timed out`);
      }
    } catch (err) {
      onError?.(err, `${name} run failed: ${describeError(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
