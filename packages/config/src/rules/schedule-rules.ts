import { cronProblem, isValidTimeZone } from '../cron.js';
import type { ParseContext } from '../schema/parse-context.js';
import { type RootValues, valid, validApps } from './rule-input.js';

/** Cron expressions and time zones are valid; a schedule overrides min, max or both, consistently. */
export function checkSchedules(values: RootValues, ctx: ParseContext): void {
  for (const { app, index } of validApps(values, ['schedules'])) {
    app.schedules?.forEach((schedule, s) => {
      const at = ['apps', index, 'schedules', s];
      const problem = cronProblem(schedule.cron);
      if (problem !== undefined) ctx.reportAt('GOV_CONFIG_CRON', [...at, 'cron'], problem);
      if (!isValidTimeZone(schedule.timezone)) {
        ctx.reportAt(
          'GOV_CONFIG_CRON',
          [...at, 'timezone'],
          `"${schedule.timezone}" is not an IANA time zone`,
        );
      }
      const { min, max } = schedule;
      if (min === undefined && max === undefined) {
        ctx.reportAt('GOV_CONFIG_MISSING_KEY', at, 'a schedule needs "min", "max" or both');
      }
      const effectiveMin = min ?? valid(app.min);
      const effectiveMax = max ?? valid(app.max);
      if (effectiveMin === undefined || effectiveMax === undefined) return;
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
