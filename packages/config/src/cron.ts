import { GovernorError } from '@governor/errors';

/**
 * A parsed cron expression: the allowed values of each field. The one
 * parser behind both validation and the scaler's schedule evaluation.
 */
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

/** Wall-clock fields in some time zone, as a cron expression reads them. */
export interface LocalTime {
  readonly minute: number;
  readonly hour: number;
  readonly day: number;
  readonly month: number;
  readonly weekday: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** Longest day of each month (February in a leap year). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The macros and the 5-field expressions they stand for. */
export const CRON_MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  namesFrom?: number;
}

const MINUTE: FieldSpec = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldSpec = { name: 'hour', min: 0, max: 23 };
const DAY: FieldSpec = { name: 'day of month', min: 1, max: 31 };
const MONTH: FieldSpec = { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 };
const WEEKDAY: FieldSpec = { name: 'day of week', min: 0, max: 7, names: DAYS, namesFrom: 0 };

function invalid(expression: string, why: string): GovernorError {
  return new GovernorError('GOV_CONFIG_CRON', `invalid cron expression "${expression}": ${why}`, {
    details: { cron: expression },
  });
}

/**
 * Parses a standard 5-field cron expression (minute hour day-of-month month
 * day-of-week; `*`, lists, ranges, steps, month and day names) or a macro
 * (`@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`,
 * `@hourly`). An expression that can never fire (`0 0 31 2 *`) is invalid too.
 *
 * @throws GovernorError `GOV_CONFIG_CRON` saying what is wrong.
 */
export function parseCron(expression: string): Cron {
  const text = expression.trim();
  const expanded = text.startsWith('@') ? CRON_MACROS[text.toLowerCase()] : text;
  if (expanded === undefined) {
    throw invalid(expression, `unknown macro (use one of ${Object.keys(CRON_MACROS).join(', ')})`);
  }
  const parts = expanded.split(/\s+/);
  const [minute = '', hour = '', day = '', month = '', weekday = ''] = parts;
  if (parts.length !== 5) {
    throw invalid(
      expression,
      `${parts.length} fields; a cron expression has 5 (minute hour day-of-month month day-of-week)`,
    );
  }
  const minutes = field(minute, MINUTE, expression);
  const hours = field(hour, HOUR, expression);
  const days = field(day, DAY, expression);
  const months = field(month, MONTH, expression);
  const weekdays = field(weekday, WEEKDAY, expression);
  if (weekdays.has(7)) weekdays.add(0);
  const cron: Cron = {
    minutes,
    hours,
    days,
    months,
    weekdays,
    daysRestricted: day !== '*',
    weekdaysRestricted: weekday !== '*',
  };
  if (
    !cron.weekdaysRestricted &&
    ![...months].some((m) => [...days].some((d) => d <= (MONTH_DAYS[m - 1] ?? 0)))
  ) {
    throw invalid(expression, 'no month of the expression has such a day, so it never fires');
  }
  return cron;
}

/** What is wrong with a cron expression, or undefined when {@link parseCron} accepts it. */
export function cronProblem(expression: string): string | undefined {
  try {
    parseCron(expression);
    return undefined;
  } catch (error) {
    return String(error instanceof Error ? error.message : error).replace(
      /^invalid cron expression "[^"]*": /,
      '',
    );
  }
}

/** Whether the date part (day, month, weekday) matches, with cron's OR of day-of-month and day-of-week. */
export function matchesDay(cron: Cron, t: LocalTime): boolean {
  if (!cron.months.has(t.month)) return false;
  if (cron.daysRestricted && cron.weekdaysRestricted)
    return cron.days.has(t.day) || cron.weekdays.has(t.weekday);
  return cron.days.has(t.day) && cron.weekdays.has(t.weekday);
}

function field(text: string, spec: FieldSpec, expression: string): Set<number> {
  const out = new Set<number>();
  const bad = (why: string) => invalid(expression, `${spec.name} field "${text}": ${why}`);
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || range === undefined || range === '') throw bad('malformed');
    if (stepText !== undefined && !/^[1-9]\d{0,2}$/.test(stepText)) {
      throw bad(`step "${stepText}" is not a number from 1 to 999`);
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = spec.min;
    let to = spec.max;
    if (range !== '*') {
      const bounds = range.split('-');
      if (bounds.length > 2) throw bad(`malformed range "${range}"`);
      const [first, second] = bounds.map((bound) => value(bound, spec));
      if (first === undefined || (bounds.length === 2 && second === undefined)) {
        throw bad(`values must be ${spec.min}-${spec.max}${spec.names === undefined ? '' : ' or names'}`);
      }
      from = first;
      to = second ?? (stepText === undefined ? from : spec.max);
      if (from > to) throw bad(`range "${range}" runs backwards`);
    }
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function value(text: string, spec: FieldSpec): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const index = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  return index < 0 ? undefined : index + (spec.namesFrom ?? 0);
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
