import { type Cron, matchesDay, type TimeZone } from '@governor/config';
import { localTime } from './local-time.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The latest instant in `[now - lookback, now]` (whole minutes) at which the
 * cron expression fires in `zone`, or undefined. Pure: computed from the
 * arguments alone. Skips whole days and hours that cannot match, so long
 * lookbacks stay cheap.
 */
export function lastFireWithin(
  cron: Cron,
  zone: TimeZone,
  now: number,
  lookback: number,
): number | undefined {
  const earliest = now - lookback;
  const nowOffset = zone.offsetAt(now);
  // One offset for the whole range unless a DST change falls inside it.
  const constant = zone.offsetAt(earliest) === nowOffset;
  const offsetAt = (t: number) => (constant ? nowOffset : zone.offsetAt(t));
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
