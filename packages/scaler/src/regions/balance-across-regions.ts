import type { DecisionStep } from '../types.js';

/** What the balancing needs of a region's scope. */
export interface RegionScope {
  readonly key: string;
  readonly min: number;
  readonly max: number;
}

/** Trims regions above the app max (largest surplus over its min first) and fills below the app min. */
export function balanceAcrossRegions(
  desired: Record<string, number>,
  scopes: readonly RegionScope[],
  min: number,
  max: number,
  steps: DecisionStep[],
): void {
  let total = 0;
  for (const s of scopes) total += desired[s.key] as number;
  if (total > max) {
    const before = total;
    while (total > max) {
      let pick: RegionScope | undefined;
      for (const s of scopes) {
        const room = (desired[s.key] as number) - s.min;
        if (room > 0 && (pick === undefined || room > (desired[pick.key] as number) - pick.min)) pick = s;
      }
      if (pick === undefined) break;
      desired[pick.key] = (desired[pick.key] as number) - 1;
      total--;
    }
    steps.push({
      stage: 'regions',
      reason: 'AppMaxAcrossRegions',
      before,
      after: total,
      message: `regions sum ${before} > app max ${max} -> ${total}`,
      numbers: { max },
    });
  } else if (total < min) {
    const before = total;
    while (total < min) {
      let pick: RegionScope | undefined;
      for (const s of scopes) {
        const room = s.max - (desired[s.key] as number);
        if (room > 0 && (pick === undefined || room > pick.max - (desired[pick.key] as number))) pick = s;
      }
      if (pick === undefined) break;
      desired[pick.key] = (desired[pick.key] as number) + 1;
      total++;
    }
    steps.push({
      stage: 'regions',
      reason: 'AppMinAcrossRegions',
      before,
      after: total,
      message: `regions sum ${before} < app min ${min} -> ${total}`,
      numbers: { min },
    });
  }
}
