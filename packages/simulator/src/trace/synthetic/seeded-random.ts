/** A seeded pseudo-random source: `next()` in [0, 1), the same sequence for the same seed. */
export interface SeededRandom {
  next(): number;
  /** A standard normal variate (Box-Muller). */
  normal(): number;
  /** A Poisson variate of mean `mean` (inversion below 30, a rounded normal above). */
  poisson(mean: number): number;
}

/** mulberry32: a small, fast 32-bit generator; deterministic across platforms. */
export function seededRandom(seed: number): SeededRandom {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  const poisson = (mean: number): number => {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    const l = Math.exp(-mean);
    let k = 0;
    let p = next();
    while (p > l) {
      k++;
      p *= next();
    }
    return k;
  };
  return { next, normal, poisson };
}
