declare module 'parse-prometheus-text-format' {
  /** The baseline parser: Prometheus text to plain objects (untyped upstream). */
  export default function parsePrometheusTextFormat(text: string): Array<{
    name: string;
    help: string;
    type: string;
    metrics: unknown[];
  }>;
}
