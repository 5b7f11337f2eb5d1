/**
 * Number tokens of both exposition grammars. Each function returns `null` for
 * a malformed token so the caller can attach a location.
 */

const ZERO = 48;
const NINE = 57;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** Whether `s[from, to)` is `[0-9]+`. */
function allDigits(s: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Whether `s[from, to)` is a decimal real: `[+-]? (D+ [. D*] | . D+) ([eE] [+-]? D+)?`.
 * No hex, binary, octal, underscores or whitespace.
 */
function isDecimal(s: string, from: number, to: number): boolean {
  let i = from;
  const sign = s.charCodeAt(i);
  if (sign === 43 || sign === 45) i++;
  let mantissaDigits = 0;
  while (i < to && isDigit(s.charCodeAt(i))) {
    i++;
    mantissaDigits++;
  }
  if (i < to && s.charCodeAt(i) === 46) {
    i++;
    while (i < to && isDigit(s.charCodeAt(i))) {
      i++;
      mantissaDigits++;
    }
  }
  if (mantissaDigits === 0) return false;
  if (i < to && (s.charCodeAt(i) | 32) === 101) {
    i++;
    const esign = s.charCodeAt(i);
    if (esign === 43 || esign === 45) i++;
    if (!allDigits(s, i, to)) return false;
    return true;
  }
  return i === to;
}

function specialValue(s: string, from: number, to: number): number | null {
  const token = s.slice(from, to).toLowerCase();
  switch (token) {
    case 'nan':
    case '+nan':
    case '-nan':
      return Number.NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Number.POSITIVE_INFINITY;
    case '-inf':
    case '-infinity':
      return Number.NEGATIVE_INFINITY;
    default:
      return null;
  }
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `[-]D+[.D+]` with at most 15 digits, parsed without allocating: the digits
 * form an exact integer and dividing it by an exact power of ten is
 * correctly rounded, so the result equals `Number(token)`. Null otherwise.
 */
function fastDecimal(s: string, from: number, to: number): number | null {
  let i = from;
  const negative = s.charCodeAt(i) === 45;
  if (negative) i++;
  if (to - i > 16 || i >= to) return null;
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (scale !== -1 || digits === 0) return null;
      scale = 0;
      continue;
    }
    const d = c - ZERO;
    if (d < 0 || d > 9) return null;
    mantissa = mantissa * 10 + d;
    digits++;
    if (scale !== -1) scale++;
  }
  if (digits === 0 || digits > 15 || scale === 0) return null;
  const value = scale > 0 ? mantissa / (POW10[scale] as number) : mantissa;
  return negative ? -value : value;
}

/**
 * A sample value: a decimal real or `NaN`, `+Inf`, `-Inf` (any case, `Inf`
 * or `Infinity`, as Go's ParseFloat and the OpenMetrics ABNF accept).
 */
export function parseValue(s: string, from: number, to: number): number | null {
  if (from >= to) return null;
  const fast = fastDecimal(s, from, to);
  if (fast !== null) return fast;
  if (isDecimal(s, from, to)) {
    // `1e400` overflows a float64: Go's ParseFloat rejects it, and so does this (Inf is spelt `+Inf`).
    const value = Number(s.slice(from, to));
    return Number.isFinite(value) ? value : null;
  }
  return specialValue(s, from, to);
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** A Prometheus text timestamp: an int64 of milliseconds (anything wider is null). */
export function parseTextTimestamp(s: string, from: number, to: number): number | null {
  let i = from;
  if (s.charCodeAt(i) === 45) i++;
  if (!allDigits(s, i, to)) return null;
  const token = s.slice(from, to);
  if (to - i > 18) {
    const wide = BigInt(token);
    if (wide > INT64_MAX || wide < INT64_MIN) return null;
  }
  return Number(token);
}

/**
 * An OpenMetrics timestamp (decimal seconds, never NaN or Inf) converted to
 * milliseconds. Plain decimals are shifted by three digits in the string so
 * that `1234.567` becomes exactly `1234567`.
 */
export function parseOpenMetricsTimestamp(s: string, from: number, to: number): number | null {
  if (!isDecimal(s, from, to)) return null;
  const token = s.slice(from, to);
  if (/[eE]/.test(token)) {
    const seconds = Number(token);
    return Number.isFinite(seconds) ? seconds * 1000 : null;
  }
  const dot = token.indexOf('.');
  if (dot === -1) return Number(token) * 1000;
  const frac = token.slice(dot + 1);
  const shifted = `${token.slice(0, dot)}${frac.slice(0, 3).padEnd(3, '0')}.${frac.slice(3) || '0'}`;
  return Number(shifted);
}

/** A `le` or `quantile` label value as a number, or null when it is not one. */
export function parseBound(s: string): number | null {
  return parseValue(s, 0, s.length);
}
