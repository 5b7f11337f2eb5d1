import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricSpec } from './metric-names.js';

/** Options for {@link createMetricsRegistry}. */
export interface CreateMetricsRegistryOptions {
  /** Also collect Node.js process metrics (CPU, RSS, event loop lag, GC). Default true. */
  processMetrics?: boolean;
  /** Labels added to every series of this registry. Default: none. */
  defaultLabels?: Record<string, string>;
}

/** A fresh prom-client registry (never the global one, so several can live in one process). */
export function createMetricsRegistry(options: CreateMetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

/** A gauge registered on `registry` with the name, help and labels of `spec`. */
export function gaugeFor(registry: Registry, spec: MetricSpec): Gauge {
  assertType(spec, 'gauge');
  return new Gauge({ name: spec.name, help: spec.help, labelNames: [...spec.labels], registers: [registry] });
}

/** A counter registered on `registry` with the name, help and labels of `spec`. */
export function counterFor(registry: Registry, spec: MetricSpec): Counter {
  assertType(spec, 'counter');
  return new Counter({
    name: spec.name,
    help: spec.help,
    labelNames: [...spec.labels],
    registers: [registry],
  });
}

/** A histogram registered on `registry` with the name, help and labels of `spec`. */
export function histogramFor(registry: Registry, spec: MetricSpec, buckets?: number[]): Histogram {
  assertType(spec, 'histogram');
  return new Histogram({
    name: spec.name,
    help: spec.help,
    labelNames: [...spec.labels],
    registers: [registry],
    ...(buckets ? { buckets } : {}),
  });
}

function assertType(spec: MetricSpec, type: MetricSpec['type']): void {
  if (spec.type !== type) throw new TypeError(`${spec.name} is a ${spec.type}, not a ${type}`);
}
