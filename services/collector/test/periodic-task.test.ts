import { describe, expect, it } from 'vitest';
import { PeriodicTask } from '../src/loop/periodic-task.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PeriodicTask', () => {
  it('survives runs that throw or time out, and never runs two at once', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const errors: string[] = [];
    const task = new PeriodicTask({
      name: 'test',
      run: async () => {
        runs++;
        active++;
        maxActive = Math.max(maxActive, active);
        try {
          if (runs % 3 === 1) throw new Error('boom');
          if (runs % 3 === 2) await sleep(60); // longer than the timeout
        } finally {
          active--;
        }
      },
      nextDelayMs: () => 1,
      timeoutMs: 20,
      onError: (_err, message) => errors.push(message),
    });
    task.start();
    for (let i = 0; i < 100 && runs < 7; i++) await sleep(20);
    await task.stop();
    expect(runs).toBeGreaterThanOrEqual(7);
    expect(errors.some((m) => m.includes('boom'))).toBe(true);
    expect(errors.some((m) => m.includes('timed out'))).toBe(true);
    // A timed-out run is reported at once, but the next one waits until it has settled.
    expect(maxActive).toBe(1);
  });

  it('stop() waits for the run in flight and schedules nothing after it', async () => {
    let runs = 0;
    let finished = 0;
    const task = new PeriodicTask({
      name: 'test',
      run: async () => {
        runs++;
        await sleep(30);
        finished++;
      },
      nextDelayMs: () => 1,
      timeoutMs: 1000,
    });
    task.start();
    await sleep(10);
    await task.stop();
    expect(finished).toBe(runs);
    const after = runs;
    await sleep(50);
    expect(runs).toBe(after);
  });

  it('runNow() waits for a run in flight instead of overlapping it', async () => {
    let active = 0;
    let maxActive = 0;
    const task = new PeriodicTask({
      name: 'test',
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(20);
        active--;
      },
      nextDelayMs: () => 1000,
      timeoutMs: 1000,
    });
    await Promise.all([task.runNow(), task.runNow(), task.runNow()]);
    expect(maxActive).toBe(1);
  });
});
