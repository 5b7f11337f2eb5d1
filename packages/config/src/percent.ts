import { GovernorError } from '@governor/errors';

/** The regular expression a percentage string must match (also used by the JSON Schema). */
export const PERCENT_PATTERN = '^\\d+(\\.\\d+)?%$';
const PERCENT = new RegExp(PERCENT_PATTERN);

/**
 * Parses a percentage given as `70%`, `"0.7"` or the number `0.7` into a
 * fraction (0.7). Numbers are already fractions and pass through.
 *
 * @throws GovernorError `GOV_CONFIG_PERCENT` when the input is neither.
 */
export function parsePercent(input: string | number): number {
  if (typeof input === 'number') {
    if (Number.isFinite(input) && input >= 0) return input;
  } else {
    const text = input.trim();
    if (PERCENT.test(text)) return Number(text.slice(0, -1)) / 100;
    if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  }
  throw new GovernorError('GOV_CONFIG_PERCENT', `"${String(input)}" is not a percentage (use 70% or 0.7)`);
}
