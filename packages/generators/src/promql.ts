/** Quotes a PromQL label value (`"a\"b"`). */
export function quoteLabel(value: string): string {
  return JSON.stringify(value);
}

/**
 * A PromQL selector: `name{k="v",...}`; labels keep the given order.
 *
 * @param matchers - Label name to value; a value starting with `=~` is a regex match.
 */
export function selector(name: string, matchers: Readonly<Record<string, string>> = {}): string {
  const parts = Object.entries(matchers).map(([k, v]) =>
    v.startsWith('=~') ? `${k}=~${quoteLabel(v.slice(2))}` : `${k}=${quoteLabel(v)}`,
  );
  return parts.length === 0 ? name : `${name}{${parts.join(',')}}`;
}

/** A number as PromQL prints it in a rule: no exponent for the ranges used here. */
export function promNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return String(Number(n.toPrecision(12)));
}

/** The `percentile` label value of Governor's latency series (`p99`); one convention for all. */
export { percentileLabel } from '@governor/telemetry';
