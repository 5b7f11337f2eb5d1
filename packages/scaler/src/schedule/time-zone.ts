import type { LocalTime } from '@governor/config';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at instant `t` (ms), via Intl; whole minutes. */
export function zoneOffset(timeZone: string, t: number): number {
  const parts: Record<string, number> = {};
  for (const p of format(timeZone).formatToParts(new Date(t))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const local = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
  );
  const minute = t - (((t % 60_000) + 60_000) % 60_000);
  return local - minute;
}

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
