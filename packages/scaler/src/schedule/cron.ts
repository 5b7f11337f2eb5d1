import { GovernorError } from '@governor/errors';

/** A parsed 5-field cron expression: the allowed values of each field. */
export interface Cron {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 0 = Sunday (7 is accepted as Sunday too). */
  readonly weekdays: ReadonlySet<number>;
  /** Whether day-of-month / day-of-week were restricted (not `*`): cron ORs them when both are. */
  readonly daysRestricted: boolean;
  readonly weekdaysRestricted: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function invalid(expr: string, why: string): GovernorError {
  return new GovernorError('GOV_SCALER_INVALID_CRON', `invalid cron expression "${expr}": ${why}`, {
    details: { cron: expr },
  });
}

function value(token: string, names: readonly string[] | undefined, offset: number, expr: string): number {
  const named = names?.indexOf(token.toLowerCase()) ?? -1;
  if (named >= 0) return named + offset;
  if (!/^\d+$/.test(token)) throw invalid(expr, `"${token}" is not a number`);
  return Number(token);
}

function field(
  text: string,
  lo: number,
  hi: number,
  names: readonly string[] | undefined,
  offset: number,
  expr: string,
): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : value(stepText, undefined, 0, expr);
    if (step < 1) throw invalid(expr, `step "${stepText}" must be at least 1`);
    let from: number;
    let to: number;
    if (range === '*') {
      from = lo;
      to = hi;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = value(a, names, offset, expr);
      to = value(b, names, offset, expr);
    } else {
      from = value(range, names, offset, expr);
      to = stepText === undefined ? from : hi;
    }
    if (from < lo || to > hi || from > to) throw invalid(expr, `"${part}" is outside ${lo}-${hi}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/**
 * Parses a standard 5-field cron expression (minute hour day-of-month month
 * day-of-week) with `*`, lists, ranges, steps and month/day names. Throws
 * GOV_SCALER_INVALID_CRON on anything else.
 */
export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw invalid(expr, `expected 5 fields, got ${parts.length}`);
  const [mi = '', h = '', d = '', mo = '', w = ''] = parts;
  const weekdays = field(w, 0, 7, WEEKDAYS, 0, expr);
  if (weekdays.has(7)) weekdays.add(0);
  return {
    minutes: field(mi, 0, 59, undefined, 0, expr),
    hours: field(h, 0, 23, undefined, 0, expr),
    days: field(d, 1, 31, undefined, 0, expr),
    months: field(mo, 1, 12, MONTHS, 1, expr),
    weekdays,
    daysRestricted: d !== '*',
    weekdaysRestricted: w !== '*',
  };
}

/** Wall-clock fields in some time zone. */
export interface LocalTime {
  readonly minute: number;
  readonly hour: number;
  readonly day: number;
  readonly month: number;
  readonly weekday: number;
}

/** Whether the date part (day, month, weekday) matches, with cron's OR of day-of-month and day-of-week. */
export function matchesDay(c: Cron, t: LocalTime): boolean {
  if (!c.months.has(t.month)) return false;
  if (c.daysRestricted && c.weekdaysRestricted) return c.days.has(t.day) || c.weekdays.has(t.weekday);
  return c.days.has(t.day) && c.weekdays.has(t.weekday);
}
