import { isGovernorError } from '@governor/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PeriodicLoop } from '../src/periodic-loop.js';
import { sleep } from '../src/sleep.js';
import { ManualClock } from '../src/testing/manual-clock.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PeriodicLoop timeouts, on a manual clock', () => {
  it('survives runs that throw or time out, and never runs two at once', async () => {
    const clock = new ManualClock();
    let active = 0;
    let maxActive = 0;
    const starts: number[] = [];
    const messages: string[] = [];
    const loop = new PeriodicLoop({
      name: 'test',
      interval: () => 1,
      timeout: () => 20,
      timers: clock,
      run: async () => {
        starts.push(clock.now());
        active++;
        maxActive = Math.max(maxActive, active);
        try {
          if (starts.length % 3 === 1) throw new Error('boom');
          // Longer than the timeout, ignoring the abort, but settled within the grace.
          if (starts.length % 3 === 2) await sleep(35, undefined, clock);
        } finally {
          active--;
        }
      },
      onError: (_err, message) => messages.push(message),
    });
    loop.start();
    await clock.advance(200);
    const stopped = loop.stop();
    await clock.advance(100); // the run in flight may be waiting on the clock
    await stopped;
    expect(starts.length).toBeGreaterThanOrEqual(7);
    expect(messages).toContain('test run failed: boom');
    expect(messages).toContain('test run timed out after 20 ms');
    // A timed-out run is reported at once, but the next one waits until it has settled.
    expect(starts.slice(0, 3)).toEqual([0, 1, 36]);
    expect(maxActive).toBe(1);
  });

  it('restarted while a run is in flight, keeps one schedule: the old run does not start a second chain', async () => {
    const clock = new ManualClock();
    const starts: number[] = [];
    const loop = new PeriodicLoop({
      name: 'test',
      interval: () => 100,
      timeout: () => 1000,
      timers: clock,
      run: async () => {
        starts.push(clock.now());
        if (starts.length === 1) await sleep(50, undefined, clock);
      },
    });
    loop.start();
    await clock.advance(10); // the first run is in flight until t = 50
    void loop.stop();
    loop.start(); // a new schedule: a run now, then every 100 ms after each
    await clock.advance(1000);
    await loop.stop();
    // One run every 100 ms after the restart, not two interleaved chains.
    const gaps = starts.slice(2).map((t, i) => t - (starts[i + 1] as number));
    expect(gaps.length).toBeGreaterThanOrEqual(5);
    expect(gaps.every((g) => g >= 100)).toBe(true);
  });

  it('aborts a timed-out run with GOV_SERVICE_TICK_TIMEOUT', async () => {
    const clock = new ManualClock();
    const reasons: unknown[] = [];
    const errors: unknown[] = [];
    const loop = new PeriodicLoop({
      name: 'slow',
      interval: () => 1000,
      timeout: () => 20,
      timers: clock,
      run: (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            reasons.push(signal.reason);
            resolve();
          });
        }),
      onError: (err) => errors.push(err),
    });
    loop.start();
    await clock.advance(20);
    await loop.stop();
    expect(reasons).toHaveLength(1);
    expect(isGovernorError(reasons[0], 'GOV_SERVICE_TICK_TIMEOUT')).toBe(true);
    expect(errors).toEqual(reasons);
  });

  /** Runs a loop for `ms` on a manual clock (every 5 ms, 20 ms timeout) whose first run never settles. */
  async function firstRunStuck(ms: number, grace?: () => number) {
    const clock = new ManualClock();
    const starts: number[] = [];
    const messages: string[] = [];
    const loop = new PeriodicLoop({
      name: 'stuck',
      interval: () => 5,
      timeout: () => 20,
      ...(grace ? { grace } : {}),
      timers: clock,
      run: () => {
        starts.push(clock.now());
        return starts.length === 1 ? new Promise<void>(() => {}) : Promise.resolve();
      },
      onError: (_err, message) => messages.push(message),
    });
    loop.start();
    await clock.advance(ms);
    await loop.stop();
    return { starts, messages };
  }

  it('leaves behind a run that ignores its abort for one more timeout, reporting it, and goes on', async () => {
    const { starts, messages } = await firstRunStuck(50);
    expect(starts).toEqual([0, 40, 45, 50]);
    expect(messages).toEqual([
      'stuck run timed out after 20 ms',
      'stuck run still going 20 ms after its abort; the loop goes on without it',
    ]);
  });

  it('with a grace of 0, starts the next run beside a timed-out one at once', async () => {
    const { starts, messages } = await firstRunStuck(30, () => 0);
    expect(starts).toEqual([0, 25, 30]);
    expect(messages).toEqual(['stuck run timed out after 20 ms']);
  });

  it('a run that fails after its timeout is not reported twice', async () => {
    const clock = new ManualClock();
    const messages: string[] = [];
    const loop = new PeriodicLoop({
      name: 'late',
      interval: () => 1000,
      timeout: () => 20,
      timers: clock,
      run: async () => {
        await sleep(30, undefined, clock);
        throw new Error('too late');
      },
      onError: (_err, message) => messages.push(message),
    });
    loop.start();
    await clock.advance(100);
    await loop.stop();
    expect(messages).toEqual(['late run timed out after 20 ms']);
  });

  it('stop() waits for an abandoned run, for the rest of its grace at most, and starts nothing after', async () => {
    const clock = new ManualClock();
    let runs = 0;
    const loop = new PeriodicLoop({
      name: 'stuck',
      interval: () => 1,
      timeout: () => 20,
      timers: clock,
      run: () => {
        runs++;
        return new Promise<void>(() => {});
      },
    });
    loop.start();
    await clock.advance(25);
    let stopped = false;
    void loop.stop().then(() => {
      stopped = true;
    });
    await clock.advance(14);
    expect(stopped).toBe(false);
    await clock.advance(1);
    expect(stopped).toBe(true);
    expect(runs).toBe(1);
    expect(clock.timerCount).toBe(0);
  });
});

describe('PeriodicLoop schedule, on a manual clock', () => {
  it('asks the interval after each run; one that throws is reported and the loop goes on at 1 s', async () => {
    const clock = new ManualClock();
    const starts: number[] = [];
    const messages: string[] = [];
    let asked = 0;
    const loop = new PeriodicLoop({
      name: 't',
      interval: () => {
        asked++;
        if (asked === 2) throw new Error('no interval');
        return 10 * asked;
      },
      timeout: () => 500,
      timers: clock,
      run: async () => {
        starts.push(clock.now());
      },
      onError: (_err, message) => messages.push(message),
    });
    loop.start();
    await clock.advance(1040);
    await loop.stop();
    expect(starts).toEqual([0, 10, 1010, 1040]);
    expect(messages).toEqual(['t interval failed: no interval']);
  });

  it('keeps going when the error hook throws', async () => {
    const clock = new ManualClock();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let runs = 0;
    const loop = new PeriodicLoop({
      name: 'hook',
      interval: () => 10,
      timers: clock,
      run: async () => {
        runs++;
        throw new Error('boom');
      },
      onError: () => {
        throw new Error('hook broke');
      },
    });
    loop.start();
    await clock.advance(30);
    await loop.stop();
    expect(runs).toBe(4);
    expect(stderr).toHaveBeenCalledWith('hook: error hook failed: hook broke\n');
  });

  it('starts once however often start() is called, waits the first delay, and leaves no timer after stop()', async () => {
    const clock = new ManualClock();
    let runs = 0;
    const loop = new PeriodicLoop({
      name: 't',
      interval: () => 100,
      timers: clock,
      run: async () => {
        runs++;
      },
    });
    loop.start(50);
    loop.start(0);
    await clock.advance(49);
    expect(runs).toBe(0);
    await clock.advance(1);
    expect(runs).toBe(1);
    await loop.stop();
    expect(clock.timerCount).toBe(0);
    await clock.advance(1000);
    expect(runs).toBe(1);
  });
});
