import type { LocalTime } from '@governor/config';

/** Wall-clock fields of instant `t` given the zone's offset at that instant. */
export function localTime(t: number, offset: number): LocalTime {
  const d = new Date(t + offset);
  return {
    minute: d.getUTCMinutes(),
    hour: d.getUTCHours(),
    day: d.getUTCDate(),
    month: d.getUTCMonth() + 1,
    weekday: d.getUTCDay(),
  };
}
