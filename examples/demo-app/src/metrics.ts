import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Latency buckets in seconds: fine between 25 ms and 500 ms, where the demo
 * SLO lives, so `histogram_quantile` interpolates over narrow buckets.
 */
export const LATENCY_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.06, 0.075, 0.09, 0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.3, 0.35, 0.4, 0.5,
  0.75, 1, 1.5, 2, 3, 5,
];

/** The demo app's Prometheus metrics. */
export interface DemoMetrics {
  readonly registry: Registry;
  readonly duration: Histogram<'method' | 'route' | 'status_code'>;
  readonly requests: Counter<'method' | 'route' | 'status_code'>;
  readonly inFlight: Gauge;
  readonly queued: Gauge;
}

/** Creates the metrics on a fresh registry (with Node process metrics). */
export function createDemoMetrics(read: { active: () => number; queued: () => number }): DemoMetrics {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status_code'] as const;
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Request latency, queueing included.',
    labelNames,
    buckets: [...LATENCY_BUCKETS],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'Requests answered.',
    labelNames,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'demo_requests_in_flight',
    help: 'Requests being served.',
    registers: [registry],
    collect() {
      this.set(read.active());
    },
  });
  const queued = new Gauge({
    name: 'demo_requests_queued',
    help: 'Requests waiting for a slot.',
    registers: [registry],
    collect() {
      this.set(read.queued());
    },
  });
  return { registry, duration, requests, inFlight, queued };
}
