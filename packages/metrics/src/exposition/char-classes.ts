/** Character classes of metric and label names, as lookup tables over ASCII. */

const NAME_START = new Uint8Array(128);
const NAME_CHAR = new Uint8Array(128);
const LABEL_START = new Uint8Array(128);
const LABEL_CHAR = new Uint8Array(128);

for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const digit = c >= 48 && c <= 57;
  LABEL_START[c] = letter ? 1 : 0;
  LABEL_CHAR[c] = letter || digit ? 1 : 0;
  NAME_START[c] = letter || c === 58 ? 1 : 0;
  NAME_CHAR[c] = letter || digit || c === 58 ? 1 : 0;
}

/** `[a-zA-Z_:]` */
export function isNameStart(c: number): boolean {
  return c < 128 && NAME_START[c] === 1;
}

/** `[a-zA-Z0-9_:]` */
export function isNameChar(c: number): boolean {
  return c < 128 && NAME_CHAR[c] === 1;
}

/** `[a-zA-Z_]` */
export function isLabelStart(c: number): boolean {
  return c < 128 && LABEL_START[c] === 1;
}

/** `[a-zA-Z0-9_]` */
export function isLabelChar(c: number): boolean {
  return c < 128 && LABEL_CHAR[c] === 1;
}

/** Whether `name` is a valid metric name: `[a-zA-Z_:][a-zA-Z0-9_:]*`. */
export function isValidMetricName(name: string): boolean {
  if (name.length === 0 || !isNameStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) if (!isNameChar(name.charCodeAt(i))) return false;
  return true;
}

/** Whether `name` is a valid label name: `[a-zA-Z_][a-zA-Z0-9_]*`. */
export function isValidLabelName(name: string): boolean {
  if (name.length === 0 || !isLabelStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) if (!isLabelChar(name.charCodeAt(i))) return false;
  return true;
}

/** Whether `text` has `s` at index `at` (a plain loop: cheaper than startsWith for short names). */
export function matchesAt(text: string, s: string, at: number): boolean {
  const n = s.length;
  if (at + n > text.length) return false;
  for (let i = 0; i < n; i++) if (text.charCodeAt(at + i) !== s.charCodeAt(i)) return false;
  return true;
}
