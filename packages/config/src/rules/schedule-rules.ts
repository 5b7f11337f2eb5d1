import { cronProblem, isValidTimeZone } from '../cron.js';
import type { ParseContext } from '../schema/parse-context.js';
import { type Loose, type RootValues, validApps } from './rule-input.js';

/** Cron expressions and time zones are valid; a schedule overrides min, max or both, consistently. */
export function checkSchedules(values: RootValues, ctx: ParseContext): void {
  for (const { app, index } of validApps(values, ['schedules'])) {
    (app.schedules as Loose[]).forEach((schedule, s) => {
      const at = ['apps', index, 'schedules', s];
      const problem = cronProblem(schedule.cron as string);
      if (problem !== undefined) ctx.reportAt('GOV_CONFIG_CRON', [...at, 'cron'], problem);
      if (!isValidTimeZone(schedule.timezone as string)) {
        ctx.reportAt(
          'GOV_CONFIG_CRON',
          [...at, 'timezone'],
          `"${String(schedule.timezone)}" is not an IANA time zone`,
        );
      }
      const min = schedule.min as number | undefined;
      const max = schedule.max as number | undefined;
      if (min === undefined && max === undefined) {
        ctx.reportAt('GOV_CONFIG_MISSING_KEY', at, 'a schedule needs "min", "max" or both');
      }
      const effectiveMin = min ?? app.min;
      const effectiveMax = max ?? app.max;
      if (typeof effectiveMin !== 'number' || typeof effectiveMax !== 'number') return;
      if (effectiveMin > effectiveMax) {
        const field = min === undefined ? 'max' : 'min';
        ctx.reportAt(
          'GOV_CONFIG_MIN_MAX',
          [...at, field],
          `during this schedule min ${effectiveMin} would be greater than max ${effectiveMax}`,
        );
      }
    });
  }
}
