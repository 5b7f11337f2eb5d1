/** Reads the time. Inject it wherever code reads the time, so that tests set it. */
export interface Clock {
  /** ms since the Unix epoch. */
  now(): number;
}

/** Cancels a timer started by {@link Timers.after}; calling it again, or after the timer fired, does nothing. */
export type CancelTimer = () => void;

/** Starts one-shot timers. Inject it wherever code waits, so that tests drive time by hand. */
export interface Timers {
  /** Calls `fn` once, `ms` from now (a negative `ms` counts as 0). A timer never keeps the process alive. */
  after(ms: number, fn: () => void): CancelTimer;
}

/** The system clock (`Date.now`). */
export const systemClock: Clock = { now: () => Date.now() };

/** Node's timers, `unref()`ed. */
export const systemTimers: Timers = {
  after(ms, fn) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};
