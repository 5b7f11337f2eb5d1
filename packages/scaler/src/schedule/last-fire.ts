import { type Cron, matchesDay } from '@governor/config';
import { localTime, zoneOffset } from './time-zone.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The latest instant in `[now - lookback, now]` (whole minutes) at which the
 * cron expression fires in `timeZone`, or undefined. Pure: computed from the
 * arguments alone. Skips whole days and hours that cannot match, so long
 * lookbacks stay cheap.
 */
export function lastFireWithin(
  cron: Cron,
  timeZone: string,
  now: number,
  lookback: number,
): number | undefined {
  const earliest = now - lookback;
  const nowOffset = zoneOffset(timeZone, now);
  // One offset for the whole range unless a DST change falls inside it.
  const constant = zoneOffset(timeZone, earliest) === nowOffset;
  const offsetAt = (t: number) => (constant ? nowOffset : zoneOffset(timeZone, t));
  let t = now - (((now % MINUTE) + MINUTE) % MINUTE);
  while (t >= earliest) {
    const offset = offsetAt(t);
    const local = localTime(t, offset);
    if (!matchesDay(cron, local)) {
      // Jump to the last minute of the previous local day.
      t -= (local.hour * 60 + local.minute + 1) * MINUTE;
      continue;
    }
    if (!cron.hours.has(local.hour)) {
      t -= (local.minute + 1) * MINUTE;
      continue;
    }
    if (cron.minutes.has(local.minute)) return t;
    t -= MINUTE;
    if (t < earliest - HOUR) break;
  }
  return undefined;
}
