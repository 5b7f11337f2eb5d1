import type { ParseContext } from '../schema/parse-context.js';
import { type RootValues, type UsableApp, valid, validApps } from './rule-input.js';

/** min <= max; warmPool <= max; region bounds fit within the app's; the fallback count lies within the bounds. */
export function checkBounds(values: RootValues, ctx: ParseContext): void {
  for (const { app, index } of validApps(values, ['min', 'max'])) {
    const at = ['apps', index];
    const { min, max } = app;
    if (min === undefined || max === undefined) continue;
    if (min > max)
      ctx.reportAt('GOV_CONFIG_MIN_MAX', [...at, 'min'], `min ${min} is greater than max ${max}`);
    const warmPool = valid(app.warmPool);
    if (warmPool !== undefined && warmPool > max) {
      ctx.reportAt(
        'GOV_CONFIG_RANGE',
        [...at, 'warmPool'],
        `warmPool ${warmPool} is greater than max ${max}: a warm pool never needs more stopped machines than the app may run`,
      );
    }
    const regions = valid(app.regions);
    if (regions !== undefined) checkRegions(regions, min, max, at, ctx);
    const machines = valid(app.fallback)?.machines;
    if (machines !== undefined && (machines > max || machines < min)) {
      ctx.reportAt(
        'GOV_CONFIG_RANGE',
        [...at, 'fallback', 'machines'],
        `fallback machines ${machines} is outside the app bounds ${min}..${max}`,
      );
    }
  }
}

function checkRegions(
  regionBounds: NonNullable<UsableApp<'regions'>['regions']>,
  appMin: number,
  appMax: number,
  at: (string | number)[],
  ctx: ParseContext,
): void {
  const regions = Object.entries(regionBounds);
  if (regions.length === 0) return;
  let sumMin = 0;
  let sumMax = 0;
  for (const [name, bounds] of regions) {
    const min = bounds.min;
    const max = bounds.max ?? appMax;
    sumMin += min;
    sumMax += max;
    if (min > max) {
      ctx.reportAt(
        'GOV_CONFIG_MIN_MAX',
        [...at, 'regions', name, 'min'],
        `region min ${min} is greater than its max ${max}`,
      );
    }
    if (max > appMax) {
      ctx.reportAt(
        'GOV_CONFIG_REGION_BOUNDS',
        [...at, 'regions', name, 'max'],
        `region max ${max} is greater than the app max ${appMax}`,
      );
    }
  }
  if (sumMin > appMax) {
    ctx.reportAt(
      'GOV_CONFIG_REGION_BOUNDS',
      [...at, 'regions'],
      `the region mins add up to ${sumMin}, more than the app max ${appMax}`,
    );
  }
  if (sumMax < appMin) {
    ctx.reportAt(
      'GOV_CONFIG_REGION_BOUNDS',
      [...at, 'regions'],
      `the region maxes add up to ${sumMax}, less than the app min ${appMin}`,
    );
  }
}
