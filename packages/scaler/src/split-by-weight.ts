import type { RegionBounds } from '@governor/config';

/**
 * Splits `total` machines across regions in proportion to their weights
 * (largest remainder, ties in declaration order), each clamped to its bounds.
 */
export function splitByWeight(
  total: number,
  regions: Readonly<Record<string, RegionBounds>>,
): Record<string, number> {
  const keys = Object.keys(regions);
  let weightSum = 0;
  for (const k of keys) weightSum += Math.max(0, regions[k]?.weight ?? 0);
  const out: Record<string, number> = {};
  const rest: { key: string; frac: number }[] = [];
  let given = 0;
  for (const k of keys) {
    const share =
      weightSum > 0 ? (total * Math.max(0, regions[k]?.weight ?? 0)) / weightSum : total / keys.length;
    out[k] = Math.floor(share);
    given += out[k] as number;
    rest.push({ key: k, frac: share - Math.floor(share) });
  }
  rest.sort((a, b) => b.frac - a.frac);
  for (let i = 0; given < total && rest.length > 0; i++, given++) {
    const k = (rest[i % rest.length] as { key: string }).key;
    out[k] = (out[k] as number) + 1;
  }
  for (const k of keys) {
    const r = regions[k] as RegionBounds;
    out[k] = Math.min(r.max, Math.max(r.min, out[k] as number));
  }
  return out;
}
