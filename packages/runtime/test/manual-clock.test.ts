import { describe, expect, it } from 'vitest';
import { sleep } from '../src/sleep.js';
import { ManualClock } from '../src/testing/manual-clock.js';

describe('ManualClock', () => {
  it('fires due timers in time order, those they start included, and none that were cancelled', async () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.after(20, () => fired.push(`b@${clock.now()}`));
    clock.after(10, () => {
      fired.push(`a@${clock.now()}`);
      clock.after(5, () => fired.push(`c@${clock.now()}`));
    });
    const cancel = clock.after(12, () => fired.push('cancelled'));
    cancel();
    await clock.advance(15);
    expect(fired).toEqual(['a@1010', 'c@1015']);
    expect(clock.now()).toBe(1015);
    expect(clock.timerCount).toBe(1);
    await clock.advance(100);
    expect(fired).toEqual(['a@1010', 'c@1015', 'b@1020']);
    expect(clock.now()).toBe(1115);
  });
});

describe('sleep', () => {
  it('resolves after its time, or at once when its signal aborts', async () => {
    const clock = new ManualClock();
    let slept = false;
    void sleep(100, undefined, clock).then(() => {
      slept = true;
    });
    await clock.advance(99);
    expect(slept).toBe(false);
    await clock.advance(1);
    expect(slept).toBe(true);

    const abort = new AbortController();
    const woken = sleep(60_000, abort.signal, clock);
    abort.abort();
    await woken;
    expect(clock.timerCount).toBe(0);
    await sleep(1000, abort.signal, clock);
  });
});
