import { type Cron, parseCron, type Schedule } from '@governor/config';
import { lastFireWithin } from './last-fire.js';

/**
 * Parsed crons by schedule object. Weak, so it holds no more than the
 * schedules of the configs still in use (a reload drops the old ones).
 */
const parsed = new WeakMap<Schedule, Cron | Error>();

function cronOf(schedule: Schedule): Cron | Error {
  let c = parsed.get(schedule);
  if (c === undefined) {
    try {
      c = parseCron(schedule.cron);
    } catch (err) {
      c = err instanceof Error ? err : new Error(String(err));
    }
    parsed.set(schedule, c);
  }
  return c;
}

/** The bounds in force after scheduled overrides. */
export interface ScheduledBounds {
  readonly min: number;
  readonly max: number;
  /** Names (or cron expressions) of the active schedules. */
  readonly active: readonly string[];
  /** Schedules skipped because their cron expression is invalid, with why. */
  readonly invalid: readonly string[];
}

/**
 * Applies the schedules active at `now`: a schedule is active when `now` is
 * within [a cron fire time, + duration) in its time zone. Several active
 * schedules combine to the largest min and the largest max (the safer
 * choice for capacity); a min above the max raises the max to it.
 */
export function scheduledBounds(
  min: number,
  max: number,
  schedules: readonly Schedule[],
  now: number,
): ScheduledBounds {
  if (schedules.length === 0) return { min, max, active: [], invalid: [] };
  let sMin: number | undefined;
  let sMax: number | undefined;
  const active: string[] = [];
  const invalid: string[] = [];
  for (const s of schedules) {
    const cron = cronOf(s);
    if (cron instanceof Error) {
      invalid.push(`${s.name ?? s.cron}: ${cron.message}`);
      continue;
    }
    if (s.duration <= 0) continue;
    // Active when a fire time t satisfies t <= now < t + duration, i.e. t in (now - duration, now].
    const fire = lastFireWithin(cron, s.timezone, now, s.duration - 1);
    if (fire === undefined) continue;
    active.push(s.name ?? s.cron);
    if (s.min !== undefined) sMin = Math.max(sMin ?? s.min, s.min);
    if (s.max !== undefined) sMax = Math.max(sMax ?? s.max, s.max);
  }
  const outMin = sMin ?? min;
  let outMax = sMax ?? max;
  if (outMax < outMin) outMax = outMin;
  return { min: outMin, max: outMax, active, invalid };
}
