import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricSpec } from './metric-names.js';

/** Options for {@link createMetricsRegistry}. */
export interface CreateMetricsRegistryOptions {
  /** Also collect Node.js process metrics (CPU, RSS, event loop lag, GC). Default true. */
  processMetrics?: boolean;
  /** Labels added to every series of this registry. Default: none. */
  defaultLabels?: Record<string, string>;
}

/**
 * prom-client's default gauges named `_total` (sums of the per-type
 * `nodejs_active_handles`, `nodejs_active_requests` and
 * `nodejs_active_resources` gauges it also exports): `promtool check metrics`
 * rejects a `_total` suffix on anything but a counter, so they are dropped.
 */
const MISNAMED_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * A fresh prom-client registry (never the global one, so several can live in
 * one process), with the default process and Node.js metrics unless
 * `processMetrics` is false.
 */
export function createMetricsRegistry(options: CreateMetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  if (options.processMetrics ?? true) {
    collectDefaultMetrics({ register: registry });
    for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  }
  return registry;
}

/**
 * A gauge registered on `registry` with the name, help and labels of `spec`.
 * When the registry already holds a metric of that name (several collectors
 * sharing one registry), that one is returned.
 */
export function gaugeFor(registry: Registry, spec: MetricSpec): Gauge {
  assertType(spec, 'gauge');
  const existing = registry.getSingleMetric(spec.name);
  if (existing) return expectKind(existing, Gauge, spec);
  return new Gauge({ name: spec.name, help: spec.help, labelNames: [...spec.labels], registers: [registry] });
}

/** A counter for `spec` on `registry`, reusing one already registered (see {@link gaugeFor}). */
export function counterFor(registry: Registry, spec: MetricSpec): Counter {
  assertType(spec, 'counter');
  const existing = registry.getSingleMetric(spec.name);
  if (existing) return expectKind(existing, Counter, spec);
  return new Counter({
    name: spec.name,
    help: spec.help,
    labelNames: [...spec.labels],
    registers: [registry],
  });
}

/** A histogram for `spec` on `registry`, reusing one already registered (see {@link gaugeFor}). */
export function histogramFor(registry: Registry, spec: MetricSpec, buckets?: number[]): Histogram {
  assertType(spec, 'histogram');
  const existing = registry.getSingleMetric(spec.name);
  if (existing) return expectKind(existing, Histogram, spec);
  return new Histogram({
    name: spec.name,
    help: spec.help,
    labelNames: [...spec.labels],
    registers: [registry],
    ...(buckets ? { buckets } : {}),
  });
}

function expectKind<T>(metric: unknown, kind: abstract new (...args: never[]) => T, spec: MetricSpec): T {
  if (metric instanceof kind) return metric;
  throw new TypeError(`${spec.name} is already registered as another kind of metric`);
}

function assertType(spec: MetricSpec, type: MetricSpec['type']): void {
  if (spec.type !== type) throw new TypeError(`${spec.name} is a ${spec.type}, not a ${type}`);
}
