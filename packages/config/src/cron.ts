const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  namesFrom?: number;
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 7, names: DAYS, namesFrom: 0 },
];

/**
 * Checks a standard 5-field cron expression (minute hour day-of-month month
 * day-of-week; `*`, lists, ranges, steps, month and day names) or a macro
 * such as `@daily`. Returns what is wrong, or undefined when it is valid.
 */
export function cronProblem(expression: string): string | undefined {
  const text = expression.trim();
  if (text.startsWith('@')) {
    return MACROS.includes(text.toLowerCase()) ? undefined : `unknown cron macro "${text}"`;
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 5) {
    return `"${text}" has ${parts.length} fields; a cron expression has 5 (minute hour day-of-month month day-of-week)`;
  }
  for (const [index, part] of parts.entries()) {
    const spec = FIELDS[index];
    if (spec === undefined) break;
    const problem = fieldProblem(part, spec);
    if (problem !== undefined) return `${spec.name} field "${part}": ${problem}`;
  }
  return undefined;
}

function fieldProblem(field: string, spec: FieldSpec): string | undefined {
  for (const item of field.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined || range === undefined || range === '') return 'malformed';
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `step "${step}" is not a positive number`;
    if (range === '*') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `malformed range "${range}"`;
    const values = bounds.map((bound) => fieldValue(bound, spec));
    if (values.some((value) => value === undefined)) {
      return `values must be ${spec.min}-${spec.max}${spec.names === undefined ? '' : ' or names'}`;
    }
    const [from, to] = values as number[];
    if (to !== undefined && from !== undefined && from > to) return `range "${range}" runs backwards`;
  }
  return undefined;
}

function fieldValue(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= spec.min && value <= spec.max ? value : undefined;
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
