import { GovernorError } from '@governor/errors';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

/** The regular expression a duration string must match (also used by the JSON Schema). */
export const DURATION_PATTERN = '^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$';

/**
 * Parses a duration such as `500ms`, `30s`, `5m`, `1h`, `1d` or `1h30m` into
 * milliseconds (rounded to an integer).
 *
 * @throws GovernorError `GOV_CONFIG_DURATION` when the text is not a duration.
 */
export function parseDuration(text: string): number {
  const input = text.trim();
  let total = 0;
  let index = 0;
  PART.lastIndex = 0;
  while (index < input.length) {
    PART.lastIndex = index;
    const match = PART.exec(input);
    if (match === null) break;
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    index = PART.lastIndex;
  }
  if (input.length === 0 || index !== input.length) {
    throw new GovernorError('GOV_CONFIG_DURATION', `"${text}" is not a duration (use 500ms, 30s, 5m, 1h)`);
  }
  return Math.round(total);
}
