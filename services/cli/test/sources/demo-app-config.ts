/**
 * The `providers` and `apps` sections of a test config: one local app `demo` (1..10 machines)
 * that reads its metrics from the source `prom`, scaled on `targets` (one YAML flow mapping
 * each, e.g. `{ type: cpu, utilization: 70% }`). Callers put `metricSources.prom` above it.
 */
export function demoAppOnProm(targets: readonly string[]): string {
  return `providers:
  local: { type: local, command: node, portRange: [8100, 8199] }
apps:
  - name: demo
    provider: local
    min: 1
    max: 10
    metrics: { source: prom }
    targets:
${targets.map((t) => `      - ${t}\n`).join('')}`;
}
