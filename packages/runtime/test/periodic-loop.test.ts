import { isGovernorError } from '@governor/errors';
import { describe, expect, it } from 'vitest';
import { PeriodicLoop } from '../src/periodic-loop.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PeriodicLoop on real timers', () => {
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
        await sleep(5);
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

  it('runOnce() waits for a run in flight instead of overlapping it', async () => {
    let active = 0;
    let maxActive = 0;
    const loop = new PeriodicLoop({
      name: 'test',
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(20);
        active--;
      },
      interval: () => 1000,
      timeout: () => 1000,
    });
    await Promise.all([loop.runOnce(), loop.runOnce(), loop.runOnce()]);
    expect(maxActive).toBe(1);
  });

  it('keeps running after a run rejects, reporting the error', async () => {
    const errors: unknown[] = [];
    const messages: string[] = [];
    let runs = 0;
    const loop = new PeriodicLoop({
      name: 't',
      interval: () => 1,
      run: async () => {
        runs++;
        if (runs % 2 === 1) throw new Error(`boom ${runs}`);
      },
      onError: (e, message) => {
        errors.push(e);
        messages.push(message);
      },
    });
    loop.start();
    await expect.poll(() => runs, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    await loop.stop();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect((errors[0] as Error).message).toBe('boom 1');
    expect(messages[0]).toBe('t run failed: boom 1');
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
        await sleep(200);
        finished = true;
      },
    });
    loop.start();
    await expect.poll(() => runs, { timeout: 5000 }).toBe(1);
    await loop.stop();
    expect(finished).toBe(true);
    const after = runs;
    await sleep(30);
    expect(runs).toBe(after);
  });

  it('stop() waits for a run in flight at a short interval, and schedules nothing after it', async () => {
    let runs = 0;
    let finished = 0;
    const loop = new PeriodicLoop({
      name: 'test',
      run: async () => {
        runs++;
        await sleep(30);
        finished++;
      },
      interval: () => 1,
      timeout: () => 1000,
    });
    loop.start();
    await sleep(10);
    await loop.stop();
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(50);
    expect(runs).toBe(after);
  });
});
