import type { InstanceRegistry } from '@governor/bus';

/** How long a drain mark outlives the drain delay, ms: the stop normally deregisters the instance well before. */
export const DRAIN_MARK_GRACE_MS = 30_000;

/**
 * The scale worker's `drain` hook: marks each machine draining in the
 * registry, then waits `delay()` ms (`discovery.drainDelay`) so that
 * discovery clients see the mark and move away before the provider stops
 * the machines. No wait when none of them is listed (no client can be
 * sending to it); the wait ends early when the action is aborted.
 */
export function drainMachines(
  registry: InstanceRegistry,
  delay: () => number,
): (app: string, ids: readonly string[], signal: AbortSignal) => Promise<void> {
  return async (app, ids, signal) => {
    const ms = delay();
    await Promise.all(ids.map((id) => registry.markDraining(app, id, ms + DRAIN_MARK_GRACE_MS)));
    if (ms <= 0 || signal.aborted) return;
    const listed = new Set((await registry.list(app)).map((i) => i.instance));
    if (!ids.some((id) => listed.has(id))) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  };
}
