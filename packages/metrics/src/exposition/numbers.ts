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

/**
 * A sample value: a decimal real or `NaN`, `+Inf`, `-Inf` (any case, `Inf`
 * or `Infinity`, as Go's ParseFloat and the OpenMetrics ABNF accept).
 */
export function parseValue(s: string, from: number, to: number): number | null {
  if (from >= to) return null;
  if (isDecimal(s, from, to)) {
    const c = s.charCodeAt(from);
    // Fast path for plain non-negative integers that fit exactly.
    if (to - from < 16 && isDigit(c)) {
      let n = 0;
      let i = from;
      for (; i < to; i++) {
        const d = s.charCodeAt(i) - ZERO;
        if (d < 0 || d > 9) break;
        n = n * 10 + d;
      }
      if (i === to) return n;
    }
    return Number(s.slice(from, to));
  }
  return specialValue(s, from, to);
}

/** A Prometheus text timestamp: an int64 of milliseconds. */
export function parseTextTimestamp(s: string, from: number, to: number): number | null {
  let i = from;
  if (s.charCodeAt(i) === 45) i++;
  if (!allDigits(s, i, to)) return null;
  return Number(s.slice(from, to));
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
