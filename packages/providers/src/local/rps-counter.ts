/**
 * Counts events per second over a sliding window of whole seconds, in a
 * fixed ring of per-second slots (no allocation per event).
 */
export class RpsCounter {
  private readonly slots: Float64Array;
  private readonly stamps: Float64Array;
  private total = 0;
  private last = Number.NEGATIVE_INFINITY;

  /**
   * @param now clock in ms
   * @param horizonSec longest window that can be asked for, in seconds. Default 300.
   */
  constructor(
    private readonly now: () => number,
    private readonly horizonSec = 300,
  ) {
    this.slots = new Float64Array(horizonSec);
    this.stamps = new Float64Array(horizonSec).fill(-1);
  }

  /** Records `n` events now. */
  add(n = 1): void {
    const t = this.now();
    const sec = Math.floor(t / 1000);
    const i = sec % this.horizonSec;
    if (this.stamps[i] !== sec) {
      this.stamps[i] = sec;
      this.slots[i] = 0;
    }
    this.slots[i] = (this.slots[i] ?? 0) + n;
    this.total += n;
    this.last = t;
  }

  /** Events per second over the last `windowMs` (whole seconds, the current one included). Default 10000. */
  rate(windowMs = 10_000): number {
    const secs = Math.max(1, Math.min(this.horizonSec, Math.round(windowMs / 1000)));
    const now = Math.floor(this.now() / 1000);
    let sum = 0;
    for (let s = now - secs + 1; s <= now; s++) {
      const i = ((s % this.horizonSec) + this.horizonSec) % this.horizonSec;
      if (this.stamps[i] === s) sum += this.slots[i] ?? 0;
    }
    return sum / secs;
  }

  /** Events since creation. */
  count(): number {
    return this.total;
  }

  /** Time of the last event (ms), or -Infinity when none. */
  lastAt(): number {
    return this.last;
  }
}
