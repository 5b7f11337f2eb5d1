import type { Machine } from '@governor/providers';
import { ANY_REGION } from '@governor/scaler';

/**
 * Turns the scaler's `desiredByRegion` into concrete regions for the
 * reconciler. Named regions pass through. The implicit region `*` (policy
 * without `regions`) keeps today's placement: growth goes to the region with
 * the fewest running machines (ties: `primary`), shrinking takes from the
 * region with the most.
 */
export function placeRegions(
  desiredByRegion: Readonly<Record<string, number>>,
  machines: readonly Machine[],
  primary: string,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [region, n] of Object.entries(desiredByRegion)) if (region !== ANY_REGION) out[region] = n;
  const want = desiredByRegion[ANY_REGION];
  if (want === undefined) return out;
  const counts = new Map<string, number>([[primary, 0]]);
  for (const m of machines) {
    if (m.state === 'destroyed' || m.state === 'destroying' || m.state === 'failed') continue;
    const running = m.state === 'started' || m.state === 'starting' || m.state === 'replacing';
    counts.set(m.region, (counts.get(m.region) ?? 0) + (running ? 1 : 0));
  }
  let total = [...counts.values()].reduce((a, b) => a + b, 0);
  const order = (dir: 1 | -1) =>
    [...counts.entries()].sort(
      (a, b) => dir * (a[1] - b[1]) || (a[0] === primary ? -1 : b[0] === primary ? 1 : a[0] < b[0] ? -1 : 1),
    );
  while (total < want) {
    const [region, n] = order(1)[0] ?? [primary, 0];
    counts.set(region, n + 1);
    total++;
  }
  while (total > want) {
    const [region, n] = order(-1)[0] ?? [primary, 0];
    counts.set(region, n - 1);
    total--;
  }
  for (const [region, n] of counts) out[region] = (out[region] ?? 0) + n;
  return out;
}
