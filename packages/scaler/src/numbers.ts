/** Rounds for display (explanations, formulas): at most `digits` decimals. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * `String(round(x, digits))` (the same text, a test holds the two equal),
 * built from the integer `Math.round(x * 10^digits)` instead of converting
 * a fractional double to text, which is several times slower and runs a
 * dozen times per decision. For |x x 10^digits| < 1e15 the shortest text
 * of `k / 10^digits` is the decimal k / 10^digits itself; larger or
 * non-finite values, and `digits` outside 1..6, take the plain conversion.
 */
export function roundText(x: number, digits = 2): string {
  const f = 10 ** digits;
  const k = Math.round(x * f);
  if (!(k > -1e15 && k < 1e15) || digits < 1 || digits > 6 || !Number.isInteger(digits)) return `${k / f}`;
  const abs = k < 0 ? -k : k;
  const whole = Math.floor(abs / f);
  let frac = abs - whole * f;
  let text = `${whole}`;
  if (frac !== 0) {
    let width = digits;
    while (frac % 10 === 0) {
      frac /= 10;
      width--;
    }
    const fracText = `${frac}`;
    text = `${text}.${'0'.repeat(width - fracText.length)}${fracText}`;
  }
  // k = -0 or 0 reads "0", as String(-0) does.
  return k < 0 ? `-${text}` : text;
}

/** Within this of an integer from above, a machine count worked out in floats is that integer. */
export const CEIL_SLACK = 1e-9;

/**
 * The machines `x` machines' worth of load needs: `ceil(x)`, except that a
 * value a float rounding error above an integer is that integer (4.2 at 0.6
 * per machine is 7.000000000000001, which needs 7, not 8). `+ 0`
 * keeps a zero count +0.
 */
export function machinesFor(x: number): number {
  return Math.ceil(x - CEIL_SLACK) + 0;
}
