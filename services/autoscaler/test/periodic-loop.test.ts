import { isGovernorError } from '@governor/errors';
import { describe, expect, it } from 'vitest';
import { PeriodicLoop } from '../src/periodic-loop.js';

describe('PeriodicLoop', () => {
  it('never overlaps runs, even when runOnce is called during a scheduled run', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const loop = new PeriodicLoop({
      name: 't',
      interval: () => 1,
      timeout: () => 5000,
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        runs++;
      },
    });
    loop.start();
    await Promise.all([loop.runOnce(), loop.runOnce(), loop.runOnce()]);
    await expect.poll(() => runs, { timeout: 5000 }).toBeGreaterThanOrEqual(6);
    await loop.stop();
    expect(maxActive).toBe(1);
  });

  it('keeps running after a run rejects, reporting the error', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const loop = new PeriodicLoop({
      name: 't',
      interval: () => 1,
      run: async () => {
        runs++;
        if (runs % 2 === 1) throw new Error(`boom ${runs}`);
      },
      onError: (e) => errors.push(e),
    });
    loop.start();
    await expect.poll(() => runs, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    await loop.stop();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect((errors[0] as Error).message).toBe('boom 1');
  });

  it('abandons a run past its timeout, aborts its signal and moves on', async () => {
    const errors: unknown[] = [];
    let aborted = false;
    let runs = 0;
    const loop = new PeriodicLoop({
      name: 'slow',
      interval: () => 1,
      timeout: () => 20,
      run: (signal) => {
        runs++;
        if (runs > 1) return Promise.resolve();
        return new Promise<void>(() => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
        });
      },
      onError: (e) => errors.push(e),
    });
    loop.start();
    await expect.poll(() => runs, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    await loop.stop();
    expect(aborted).toBe(true);
    expect(isGovernorError(errors[0], 'GOV_SERVICE_TICK_TIMEOUT')).toBe(true);
  });

  it('stop() waits for the run in flight and schedules nothing after', async () => {
    let finished = false;
    let runs = 0;
    const loop = new PeriodicLoop({
      name: 't',
      interval: () => 60_000,
      timeout: () => 5000,
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 200));
        finished = true;
      },
    });
    loop.start();
    await expect.poll(() => runs, { timeout: 5000 }).toBe(1);
    await loop.stop();
    expect(finished).toBe(true);
    const after = runs;
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(after);
  });
});
