import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../src/concurrency-limit.js';

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('ConcurrencyLimit', () => {
  it('runs at most `limit` at once and the rest in arrival order as places free up', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    let active = 0;
    let most = 0;
    const runs = gates.map((g, i) =>
      limit.run(async () => {
        started.push(i);
        active++;
        most = Math.max(most, active);
        await g.promise;
        active--;
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    gates[1]?.open();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(most).toBe(2);
  });

  it('frees the place of a run that throws', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit.run(async () => 'next')).toBe('next');
  });

  it('a waiter whose signal aborts leaves the queue with the reason and never runs', async () => {
    const limit = new ConcurrencyLimit(1);
    const first = gate();
    const holder = limit.run(() => first.promise);
    const abort = new AbortController();
    let ran = false;
    const waiter = limit.run(async () => {
      ran = true;
    }, abort.signal);
    const after = limit.run(async () => 'after');
    abort.abort(new Error('tick timed out'));
    await expect(waiter).rejects.toThrow('tick timed out');
    first.open();
    await holder;
    expect(await after).toBe('after');
    expect(ran).toBe(false);
  });
});
