import type { ParseContext } from '../schema/parse-context.js';
import { INVALID } from '../schema/schema-node.js';
import { type Loose, type RootValues, validApps } from './rule-input.js';

/** min <= max; warmPool <= max; region bounds fit within the app's; the fallback count lies within the bounds. */
export function checkBounds(values: RootValues, ctx: ParseContext): void {
  for (const { app, index } of validApps(values, ['min', 'max'])) {
    const at = ['apps', index];
    const min = app.min as number | undefined;
    const max = app.max as number | undefined;
    if (min === undefined || max === undefined) continue;
    if (min > max)
      ctx.reportAt('GOV_CONFIG_MIN_MAX', [...at, 'min'], `min ${min} is greater than max ${max}`);
    const warmPool = app.warmPool as number | undefined;
    if (typeof warmPool === 'number' && warmPool > max) {
      ctx.reportAt(
        'GOV_CONFIG_RANGE',
        [...at, 'warmPool'],
        `warmPool ${warmPool} is greater than max ${max}: a warm pool never needs more stopped machines than the app may run`,
      );
    }
    if (app.regions !== INVALID) checkRegions(app, at, ctx);
    const fallback = app.fallback === INVALID ? undefined : (app.fallback as Loose | undefined);
    const machines = fallback?.machines as number | undefined;
    if (machines !== undefined && (machines > max || machines < min)) {
      ctx.reportAt(
        'GOV_CONFIG_RANGE',
        [...at, 'fallback', 'machines'],
        `fallback machines ${machines} is outside the app bounds ${min}..${max}`,
      );
    }
  }
}

function checkRegions(app: Loose, at: (string | number)[], ctx: ParseContext): void {
  const regions = Object.entries(app.regions as Record<string, Loose>);
  if (regions.length === 0) return;
  const appMin = app.min as number;
  const appMax = app.max as number;
  let sumMin = 0;
  let sumMax = 0;
  for (const [name, bounds] of regions) {
    const min = bounds.min as number;
    const max = (bounds.max as number | undefined) ?? appMax;
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
