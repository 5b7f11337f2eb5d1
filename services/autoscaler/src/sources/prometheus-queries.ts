import type { AppConfig, PrometheusSourceConfig } from '@governor/config';

/** How a per-group value lands on machines when its series has no instance label. */
export type Spread = 'share' | 'same';

/** One generated query and what its value means. */
export interface GeneratedQuery {
  readonly expr: string;
  /** `share`: a rate or count, divided among the group's machines; `same`: a utilisation or gauge, copied. */
  readonly spread: Spread;
}

/** The queries one read runs for one app, generated from the source's and the app's config. */
export interface AppQueries {
  readonly instanceLabel: string;
  readonly regionLabel: string | undefined;
  readonly cpu?: GeneratedQuery;
  readonly memory?: GeneratedQuery;
  readonly requests: GeneratedQuery;
  readonly errors: GeneratedQuery;
  /** Grouped by `le` too: bucket counts over the lookback. */
  readonly latency: GeneratedQuery;
  /** Custom gauges by metric name. */
  readonly custom: Readonly<Record<string, GeneratedQuery>>;
  /** Open connections per instance (a gauge), when the source names one. */
  readonly connections?: GeneratedQuery;
  /** Network and disk bytes per second, where the source has the counters. */
  readonly networkReceive?: GeneratedQuery;
  readonly networkTransmit?: GeneratedQuery;
  readonly diskRead?: GeneratedQuery;
  readonly diskWritten?: GeneratedQuery;
}

/** Names the fly preset reads: Fly's built-in metrics (docs/metric-sources.md cites their source). */
export const FLY_METRICS = {
  cpu: 'fly_instance_cpu',
  memTotal: 'fly_instance_memory_mem_total',
  memAvailable: 'fly_instance_memory_mem_available',
  latencyHistogram: 'fly_edge_http_response_time_seconds',
  requests: 'fly_edge_http_responses_count',
  concurrency: 'fly_app_concurrency',
  netReceived: 'fly_instance_net_recv_bytes',
  netSent: 'fly_instance_net_sent_bytes',
  diskSectorsRead: 'fly_instance_disk_sectors_read',
  diskSectorsWritten: 'fly_instance_disk_sectors_written',
} as const;

/** Bytes per sector of Fly's disk counters (/proc/diskstats sectors are 512 bytes whatever the device). */
const SECTOR_BYTES = 512;

/** `30s` for 30000 ms (PromQL durations take whole seconds here). */
export function promDuration(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))}s`;
}

/** The source's label matchers for `app`, with `{app}` filled in. */
export function appSelector(source: PrometheusSourceConfig, app: string): string {
  const template = source.selector ?? (source.preset === 'fly' ? 'app="{app}"' : 'job="{app}"');
  return template.replaceAll('{app}', app.replaceAll('\\', '\\\\').replaceAll('"', '\\"'));
}

/** `name{selector,extra}`. */
function series(name: string, selector: string, extra = ''): string {
  const matchers = [selector, extra].filter((m) => m.length > 0).join(',');
  return matchers.length === 0 ? name : `${name}{${matchers}}`;
}

/**
 * The queries of one app: per instance (and region, when the source names a
 * region label), so that the scaler merges latency buckets across instances
 * exactly as `histogram_quantile(q, sum by (le) (...))` would, and never
 * averages quantiles.
 */
export function appQueries(source: PrometheusSourceConfig, app: AppConfig): AppQueries {
  const fly = source.preset === 'fly';
  const sel = appSelector(source, app.name);
  const range = `[${promDuration(source.lookback)}]`;
  const instance = source.labels.instance;
  const region = source.labels.region ?? (fly ? 'region' : undefined);
  const by = region === undefined ? instance : `${instance}, ${region}`;
  const status = source.labels.status ?? (fly ? 'status' : (app.metrics.statusLabel ?? 'status_code'));
  const m = source.metrics;
  const hist =
    m.latencyHistogram ??
    (fly ? FLY_METRICS.latencyHistogram : (app.metrics.latencyHistogram ?? 'http_request_duration_seconds'));
  const requestsName =
    m.requestsTotal ?? (fly ? FLY_METRICS.requests : (app.metrics.requestsTotal ?? `${hist}_count`));
  const rate = (extra = '') => `sum by (${by}) (rate(${series(requestsName, sel, extra)}${range}))`;

  let cpu: GeneratedQuery | undefined;
  let memory: GeneratedQuery | undefined;
  if (fly) {
    const busy = `sum by (${by}) (rate(${series(FLY_METRICS.cpu, sel, 'mode="idle"')}${range}))`;
    const all = `sum by (${by}) (rate(${series(FLY_METRICS.cpu, sel)}${range}))`;
    cpu = { expr: `1 - ${busy} / ${all}`, spread: 'same' };
    const avail = `sum by (${by}) (${series(FLY_METRICS.memAvailable, sel)})`;
    const total = `sum by (${by}) (${series(FLY_METRICS.memTotal, sel)})`;
    memory = { expr: `1 - ${avail} / ${total}`, spread: 'same' };
  } else {
    const cpuName = m.cpuSeconds ?? 'process_cpu_seconds_total';
    cpu = { expr: `sum by (${by}) (rate(${series(cpuName, sel)}${range})) / ${m.cpuCores}`, spread: 'same' };
    if (m.memoryLimitBytes !== undefined) {
      const memName = m.memoryBytes ?? 'process_resident_memory_bytes';
      memory = { expr: `sum by (${by}) (${series(memName, sel)}) / ${m.memoryLimitBytes}`, spread: 'same' };
    }
  }
  const io = ioQueries(source, sel, by, range);
  const custom: Record<string, GeneratedQuery> = {};
  for (const name of app.metrics.custom) {
    custom[name] = { expr: `sum by (${by}) (${series(name, sel)})`, spread: 'same' };
  }
  return {
    instanceLabel: instance,
    regionLabel: region,
    ...(cpu === undefined ? {} : { cpu }),
    ...(memory === undefined ? {} : { memory }),
    requests: { expr: rate(), spread: 'share' },
    errors: { expr: rate(`${status}=~"5.."`), spread: 'share' },
    latency: {
      expr: `sum by (${by}, le) (increase(${series(`${hist}_bucket`, sel)}${range}))`,
      spread: 'share',
    },
    custom,
    ...io,
  };
}

/**
 * Connections, network and disk queries: the source's configured names, else
 * (fly preset) Fly's instance counters: network without loopback, disk
 * sectors times 512. Rates and connection counts are additive: a series
 * without the instance label is shared among its group's machines.
 */
function ioQueries(
  source: PrometheusSourceConfig,
  sel: string,
  by: string,
  range: string,
): Pick<AppQueries, 'connections' | 'networkReceive' | 'networkTransmit' | 'diskRead' | 'diskWritten'> {
  const m = source.metrics;
  const fly = source.preset === 'fly';
  const rateOf = (name: string, extra = '', factor = 1): GeneratedQuery => ({
    expr: `${factor === 1 ? '' : `${factor} * `}sum by (${by}) (rate(${series(name, sel, extra)}${range}))`,
    spread: 'share',
  });
  const counter = (configured: string | undefined, flyName: string, extra = '', factor = 1) =>
    configured !== undefined ? rateOf(configured) : fly ? rateOf(flyName, extra, factor) : undefined;
  const out: ReturnType<typeof ioQueries> = {};
  const set = <K extends keyof typeof out>(key: K, q: GeneratedQuery | undefined) => {
    if (q !== undefined) (out as Record<string, GeneratedQuery>)[key] = q;
  };
  if (m.connections !== undefined) {
    set('connections', { expr: `sum by (${by}) (${series(m.connections, sel)})`, spread: 'share' });
  }
  set('networkReceive', counter(m.networkReceiveBytes, FLY_METRICS.netReceived, 'device!="lo"'));
  set('networkTransmit', counter(m.networkTransmitBytes, FLY_METRICS.netSent, 'device!="lo"'));
  set('diskRead', counter(m.diskReadBytes, FLY_METRICS.diskSectorsRead, '', SECTOR_BYTES));
  set('diskWritten', counter(m.diskWrittenBytes, FLY_METRICS.diskSectorsWritten, '', SECTOR_BYTES));
  return out;
}
