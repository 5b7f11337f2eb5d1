import { systemTimers, type Timers } from './clock.js';

/**
 * Resolves after `ms`, or at once when `signal` aborts (it never rejects: the
 * caller checks its signal). Default timers: {@link systemTimers}.
 */
export function sleep(ms: number, signal?: AbortSignal, timers: Timers = systemTimers): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const cancel = timers.after(ms, done);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      cancel();
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
