import type { CancelTimer, Clock, Timers } from '../clock.js';

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

/** Lets promise callbacks that are already queued run (a macrotask turn). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock and timers that move only when told to, for tests: `advance(ms)`
 * fires every timer that falls due, in order, letting the promise callbacks
 * each one starts run before the next timer, so async loops step
 * deterministically.
 */
export class ManualClock implements Clock, Timers {
  private time: number;
  private seq = 0;
  private pending: Pending[] = [];

  /** @param start the first `now()`, ms. Default 0. */
  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): CancelTimer {
    const timer: Pending = { at: this.time + Math.max(0, ms), seq: this.seq++, fn };
    this.pending.push(timer);
    return () => {
      this.pending = this.pending.filter((p) => p !== timer);
    };
  }

  /** Timers started and not yet fired or cancelled. */
  get timerCount(): number {
    return this.pending.length;
  }

  /** Moves time forward `ms`, firing the timers that fall due (those they start too). */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    await settle();
    for (;;) {
      const next = this.pending.filter((p) => p.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.time = next.at;
      next.fn();
      await settle();
    }
    this.time = until;
  }
}
