/**
 * Measured round-trip latency per region: an exponentially weighted moving
 * average of the times a caller reports. Used to order fallback regions
 * when they are known.
 */
export class RegionLatency {
  private readonly ewma = new Map<string, number>();

  /** @param alpha Weight of a new sample, 0..1. Default 0.2. */
  constructor(private readonly alpha = 0.2) {}

  /** Records one measured latency (ms) to `region`; non-finite or negative values are ignored. */
  observe(region: string, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const prev = this.ewma.get(region);
    this.ewma.set(region, prev === undefined ? ms : prev + this.alpha * (ms - prev));
  }

  /** The average latency to `region` (ms), when measured. */
  get(region: string): number | undefined {
    return this.ewma.get(region);
  }
}
