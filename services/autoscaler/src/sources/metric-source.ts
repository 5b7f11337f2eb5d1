import type { AppConfig } from '@governor/config';
import type { Machine } from '@governor/providers';
import type { Observations } from '@governor/scaler';

/** What one read of a metric source is for. */
export interface ObserveRequest {
  readonly app: AppConfig;
  /** The provider's machines of the app this tick. */
  readonly machines: readonly Machine[];
  /** ms since epoch. */
  readonly now: number;
  /** Aborted when the tick times out; a read stops then. */
  readonly signal: AbortSignal;
  /** Requests/s at the edge proxy, when one fronts the app. */
  readonly edgeRps?: number;
  /** Told about each part of the read that failed while the rest went on (one query of several). */
  readonly onPartialFailure?: (err: unknown) => void;
}

/**
 * Where an app's metrics come from: the sidecar collectors (bus snapshots),
 * a Prometheus server or a Redis server's queues. Every source yields the
 * scaler's {@link Observations} with the same missing-metric rules: a metric
 * a source could not read is left undefined (never zero), and the reason
 * goes to `Observations.sourceError`. `observe` rejects only when the source
 * as a whole failed (unreachable, timeout); {@link observeWithHealth} turns
 * that into observations without metrics.
 */
export interface MetricSource {
  /** The name in `metricSources`, or `sidecar`. */
  readonly name: string;
  readonly type: 'sidecar' | 'prometheus' | 'redis';
  observe(request: ObserveRequest): Promise<Observations>;
  /** Releases connections. */
  close(): Promise<void>;
}
