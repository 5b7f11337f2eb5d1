import { type LatencyLaw, lawExceedance } from '../model/queue-latency.js';

/** The `q` quantile (seconds) of a mixture of latency laws weighted by requests, by bisection. */
export function fleetQuantile(
  parts: readonly { law: LatencyLaw; weight: number }[],
  q: number,
  cap: number,
): number {
  const total = parts.reduce((a, p) => a + p.weight, 0);
  if (total <= 0) return 0;
  const exceed = (x: number) => parts.reduce((a, p) => a + p.weight * lawExceedance(p.law, x), 0) / total;
  let lo = 0;
  let hi = cap;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (exceed(mid) > 1 - q) lo = mid;
    else hi = mid;
  }
  return hi;
}
