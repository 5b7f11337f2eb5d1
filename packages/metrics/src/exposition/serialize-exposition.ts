import type { ExpositionFormat, MetricFamily, MetricSeries } from './types.js';

/** A number as both formats write it (`NaN`, `+Inf`, `-Inf`, shortest decimal otherwise). */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return '+Inf';
  if (n === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(n);
}

/** Milliseconds as OpenMetrics seconds, exactly for integral milliseconds. */
function msToSeconds(ms: number): string {
  if (!Number.isInteger(ms)) return String(ms / 1000);
  const neg = ms < 0;
  const digits = String(Math.abs(ms)).padStart(4, '0');
  const whole = digits.slice(0, -3);
  const frac = digits.slice(-3).replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac === '' ? '' : `.${frac}`}`;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function labelText(labels: Readonly<Record<string, string>>, extra?: [string, string]): string {
  const parts = Object.keys(labels).map((k) => `${k}="${escapeLabel(labels[k] ?? '')}"`);
  if (extra !== undefined) parts.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

/**
 * Writes families back as an exposition (the inverse of `parseExposition`
 * for valid input). Exemplars are written in OpenMetrics only.
 */
export function serializeExposition(families: readonly MetricFamily[], format: ExpositionFormat): string {
  const om = format === 'openmetrics';
  const out: string[] = [];
  const ts = (s: MetricSeries): string =>
    s.timestamp === undefined ? '' : ` ${om ? msToSeconds(s.timestamp) : String(s.timestamp)}`;
  const line = (name: string, labels: string, value: number, s: MetricSeries, exemplar = ''): void => {
    out.push(`${name}${labels} ${formatNumber(value)}${ts(s)}${exemplar}`);
  };
  const exemplarText = (s: MetricSeries, le?: number): string => {
    if (!om) return '';
    const e = s.exemplars?.find((x) => x.le === le);
    if (e === undefined) return '';
    const t = e.timestamp === undefined ? '' : ` ${msToSeconds(e.timestamp)}`;
    return ` # ${labelText(e.labels) || '{}'} ${formatNumber(e.value)}${t}`;
  };
  for (const f of families) {
    const type = !om && f.type === 'unknown' ? 'untyped' : f.type;
    out.push(`# TYPE ${f.name} ${type}`);
    if (f.help !== undefined) out.push(`# HELP ${f.name} ${om ? escapeLabel(f.help) : escapeHelp(f.help)}`);
    if (f.unit !== undefined && om) out.push(`# UNIT ${f.name} ${f.unit}`);
    for (const s of f.series) {
      const created = (): void => {
        if (om && s.created !== undefined)
          out.push(`${f.name}_created${labelText(s.labels)} ${msToSeconds(s.created)}${ts(s)}`);
      };
      if (f.type === 'histogram' || f.type === 'gaugehistogram') {
        for (const b of s.buckets ?? []) {
          line(
            `${f.name}_bucket`,
            labelText(s.labels, ['le', formatNumber(b.le)]),
            b.count,
            s,
            exemplarText(s, b.le),
          );
        }
        const g = f.type === 'gaugehistogram' && om ? 'g' : '';
        if (s.count !== undefined) line(`${f.name}_${g}count`, labelText(s.labels), s.count, s);
        if (s.sum !== undefined) line(`${f.name}_${g}sum`, labelText(s.labels), s.sum, s);
        created();
      } else if (f.type === 'summary') {
        for (const q of s.quantiles ?? []) {
          line(f.name, labelText(s.labels, ['quantile', formatNumber(q.quantile)]), q.value, s);
        }
        if (s.count !== undefined) line(`${f.name}_count`, labelText(s.labels), s.count, s);
        if (s.sum !== undefined) line(`${f.name}_sum`, labelText(s.labels), s.sum, s);
        created();
      } else if (f.type === 'counter' && om) {
        line(`${f.name}_total`, labelText(s.labels), s.value ?? 0, s, exemplarText(s));
        created();
      } else {
        line(f.type === 'info' ? `${f.name}_info` : f.name, labelText(s.labels), s.value ?? 0, s);
      }
    }
  }
  if (om) out.push('# EOF');
  return `${out.join('\n')}\n`;
}
