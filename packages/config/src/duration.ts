import { GovernorError } from '@governor/errors';

const UNITS = ['d', 'h', 'm', 's', 'ms'] as const;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
const NUMBER = '\\d+(\\.\\d+)?';

/**
 * The regular expression a duration string must match (also used by the
 * JSON Schema): one or more parts, each unit at most once, largest first.
 */
export const DURATION_PATTERN = `^(?=\\d)${UNITS.map((unit) => `(${NUMBER}${unit})?`).join('')}$`;
const DURATION = new RegExp(DURATION_PATTERN);

/** The longest delay a timer can wait: Node clamps anything above 2^31-1 ms to 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Parses a duration such as `500ms`, `30s`, `5m`, `1h`, `1d` or `1h30m` into
 * milliseconds (rounded to an integer). Each unit appears at most once,
 * largest first (`1h30m`, not `30m1h` nor `1h1h`).
 *
 * @throws GovernorError `GOV_CONFIG_DURATION` when the text is not a duration.
 */
export function parseDuration(text: string): number {
  const input = text.trim();
  const match = input.length <= 64 ? DURATION.exec(input) : null;
  if (match === null) {
    throw new GovernorError(
      'GOV_CONFIG_DURATION',
      `"${text.length > 64 ? `${text.slice(0, 61)}...` : text}" is not a duration (use 500ms, 30s, 5m, 1h or 1h30m, each unit once, largest first)`,
    );
  }
  let total = 0;
  UNITS.forEach((unit, index) => {
    const part = match[1 + index * 2];
    if (part !== undefined) total += Number(part.slice(0, -unit.length)) * UNIT_MS[unit];
  });
  return Math.round(total);
}
