/**
 * Renders the small subset of Prometheus' Go templates that generated
 * annotations use, so that generated unit tests can state the exact
 * annotations promtool must see:
 *
 * - `{{ $labels.NAME }}`
 * - `{{ $value | humanizePercentage }}`
 * - `{{ $value | printf "%.Nf" }}`
 *
 * Anything else throws: an annotation the renderer cannot predict would make
 * the generated test wrong.
 */
export function renderAnnotation(
  template: string,
  labels: Readonly<Record<string, string>>,
  value: number,
): string {
  return template.replace(/\{\{\s*(.*?)\s*\}\}/g, (_m, inner: string) => {
    const label = /^\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(inner);
    if (label) return labels[label[1] ?? ''] ?? '';
    if (Number.isNaN(value))
      throw new Error(`annotation uses $value but the scenario gives none: {{ ${inner} }}`);
    if (/^\$value\s*\|\s*humanizePercentage$/.test(inner)) return `${humanize(value * 100)}%`;
    const fixed = /^\$value\s*\|\s*printf\s+"%\.(\d)f"$/.exec(inner);
    if (fixed) return value.toFixed(Number(fixed[1]));
    throw new Error(`annotation template not supported by the generator: {{ ${inner} }}`);
  });
}

/**
 * Go's `humanize` for values in [1, 1000) or 0, where it is `%.4g`; outside
 * that range Go adds SI prefixes (`500m`, `1k`), which scenarios avoid.
 */
function humanize(v: number): string {
  if (v !== 0 && (Math.abs(v) < 1 || Math.abs(v) >= 1e3)) {
    throw new Error(`humanize outside the supported range: ${v}`);
  }
  return String(Number(v.toPrecision(4)));
}
