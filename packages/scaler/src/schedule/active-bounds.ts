import type { Schedule } from '@governor/config';
import { lastFireWithin } from './last-fire.js';

/** The bounds in force after scheduled overrides. */
export interface ScheduledBounds {
  readonly min: number;
  readonly max: number;
  /** Names (or cron expressions) of the active schedules. */
  readonly active: readonly string[];
}

/**
 * Applies the schedules active at `now`: a schedule is active when `now` is
 * within [a cron fire time, + duration) in its time zone. Several active
 * schedules combine to the largest min and the largest max (the safer
 * choice for capacity); a min above the max raises the max to it. Reads
 * each schedule's cron and time zone as the config built them.
 */
export function scheduledBounds(
  min: number,
  max: number,
  schedules: readonly Schedule[],
  now: number,
): ScheduledBounds {
  if (schedules.length === 0) return { min, max, active: [] };
  let sMin: number | undefined;
  let sMax: number | undefined;
  const active: string[] = [];
  for (const s of schedules) {
    if (s.duration <= 0) continue;
    // Active when a fire time t satisfies t <= now < t + duration, i.e. t in (now - duration, now].
    const fire = lastFireWithin(s.parsedCron, s.zone, now, s.duration - 1);
    if (fire === undefined) continue;
    active.push(s.name ?? s.cron);
    if (s.min !== undefined) sMin = Math.max(sMin ?? s.min, s.min);
    if (s.max !== undefined) sMax = Math.max(sMax ?? s.max, s.max);
  }
  const outMin = sMin ?? min;
  let outMax = sMax ?? max;
  if (outMax < outMin) outMax = outMin;
  return { min: outMin, max: outMax, active };
}
