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

/**
 * The `quantile` label value of the autoscaler's fleet gauges
 * (`governor_app_latency_seconds`, `governor_app_slo_seconds`): the policy's
 * name, `p99`.
 */
export function appQuantileLabel(q: 'p50' | 'p90' | 'p99'): string {
  return q;
}

/**
 * The `quantile` label value of the collector's per-instance gauge
 * (`governor_instance_latency_seconds`): Prometheus summary style, `0.99`.
 */
export function instanceQuantileLabel(q: 'p50' | 'p90' | 'p99'): string {
  return { p50: '0.5', p90: '0.9', p99: '0.99' }[q];
}
