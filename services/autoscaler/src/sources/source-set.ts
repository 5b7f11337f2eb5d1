import type { SnapshotBus } from '@governor/bus';
import type { AppConfig, GovernorConfig, MetricSourceConfig } from '@governor/config';
import type { MetricSource } from './metric-source.js';
import { PrometheusSource } from './prometheus-source.js';
import { RedisSource } from './redis-source.js';
import { SidecarSource } from './sidecar-source.js';

/** Options of {@link SourceSet}. */
export interface SourceSetOptions {
  readonly bus: SnapshotBus;
  /** The config in force (read at each call: a reload may change sources). */
  readonly config: () => GovernorConfig;
  /** Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/** Creates the source a `metricSources` entry describes. */
export function createMetricSource(config: MetricSourceConfig, fetchFn?: typeof fetch): MetricSource {
  if (config.type === 'redis') return new RedisSource(config);
  return new PrometheusSource({ config, ...(fetchFn === undefined ? {} : { fetch: fetchFn }) });
}

/**
 * The metric source of each app, created on first use and re-created when a
 * reload changes its entry in `metricSources`; apps without
 * `metrics.source` share the sidecar source.
 */
export class SourceSet {
  private readonly sidecar: SidecarSource;
  private readonly sources = new Map<string, { config: MetricSourceConfig; source: MetricSource }>();

  constructor(private readonly options: SourceSetOptions) {
    this.sidecar = new SidecarSource(options.bus, () => options.config().collector.staleAfter);
  }

  /** The source `app` reads from. */
  forApp(app: AppConfig): MetricSource {
    const name = app.metrics.source;
    if (name === undefined) return this.sidecar;
    const config = this.options.config().metricSources?.[name];
    if (config === undefined) return this.sidecar;
    const known = this.sources.get(name);
    if (known !== undefined && known.config === config) return known.source;
    if (known !== undefined) void known.source.close();
    const source = createMetricSource(config, this.options.fetch);
    this.sources.set(name, { config, source });
    return source;
  }

  /** Closes every source's connections. */
  async close(): Promise<void> {
    const all = [...this.sources.values()];
    this.sources.clear();
    await Promise.all(all.map((s) => s.source.close()));
  }
}
