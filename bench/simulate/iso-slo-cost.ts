/** One point of HPA's frontier: machine-seconds and the share of minutes that violated the SLO. */
export interface FrontierPoint {
  readonly cpuTarget: number;
  readonly machineSeconds: number;
  readonly share: number;
}

/**
 * A policy's machine-seconds divided by the fewest with which the frontier
 * violates the SLO in no more minutes (lower envelope, linear between
 * neighbouring points); `beyond` when no point violates as little (then the
 * cheapest of the least-violating points is the divisor).
 */
export function isoSloCost(
  machineSeconds: number,
  share: number,
  frontier: readonly FrontierPoint[],
): { ratio: number; beyond: boolean } {
  const pts = [...frontier].sort((a, b) => a.share - b.share || a.machineSeconds - b.machineSeconds);
  if (pts.length === 0) return { ratio: Number.NaN, beyond: true };
  const least = pts[0] as FrontierPoint;
  if (share < least.share) return { ratio: machineSeconds / least.machineSeconds, beyond: true };
  let best = Number.POSITIVE_INFINITY;
  for (const p of pts) if (p.share <= share) best = Math.min(best, p.machineSeconds);
  // Interpolate between a point within the share and one above it.
  for (const a of pts) {
    for (const b of pts) {
      if (a.share <= share && b.share > share && b.machineSeconds < a.machineSeconds) {
        const f = (share - a.share) / (b.share - a.share);
        best = Math.min(best, a.machineSeconds + f * (b.machineSeconds - a.machineSeconds));
      }
    }
  }
  return { ratio: machineSeconds / best, beyond: false };
}
