/**
 * Every metric Governor exports, in one place. The collector and the
 * autoscaler register these names; the alert and dashboard generators query
 * only these names, and a test checks that they do.
 */

export interface MetricSpec {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly help: string;
  readonly labels: readonly string[];
}

function spec(name: string, type: MetricSpec['type'], help: string, labels: readonly string[]): MetricSpec {
  return { name, type, help, labels };
}

/** Metrics exported by the collector sidecar (per instance). */
export const COLLECTOR_METRICS = {
  instanceCpu: spec(
    'governor_instance_cpu_utilization_ratio',
    'gauge',
    'CPU utilisation of the instance as a fraction of its limit (quota or cores).',
    ['app', 'instance', 'region'],
  ),
  instanceMemory: spec(
    'governor_instance_memory_utilization_ratio',
    'gauge',
    'Memory working set of the instance as a fraction of its limit.',
    ['app', 'instance', 'region'],
  ),
  instanceMemoryBytes: spec(
    'governor_instance_memory_working_set_bytes',
    'gauge',
    'Memory working set of the instance in bytes.',
    ['app', 'instance', 'region'],
  ),
  instanceRequests: spec(
    'governor_instance_requests_total',
    'counter',
    'Requests served by the instance, counted from its latency histogram (or request counter) window by window.',
    ['app', 'instance', 'region'],
  ),
  instanceRequestsWithinSlo: spec(
    'governor_instance_requests_within_slo_total',
    'counter',
    "Requests served within the app's latency SLO, read from its histogram buckets (linear inside a bucket, as histogram_quantile).",
    ['app', 'instance', 'region'],
  ),
  instanceErrorRatio: spec(
    'governor_instance_error_ratio',
    'gauge',
    'Share of requests answered with a 5xx status over the last window.',
    ['app', 'instance', 'region'],
  ),
  instanceLatency: spec(
    'governor_instance_latency_seconds',
    'gauge',
    'Request latency percentile (p50, p90, p99) of the instance over the last window.',
    ['app', 'instance', 'region', 'percentile'],
  ),
  instanceNetworkReceive: spec(
    'governor_instance_network_receive_bytes_total',
    'counter',
    "Bytes received by the instance's network namespace (every interface but loopback), window by window.",
    ['app', 'instance', 'region'],
  ),
  instanceNetworkTransmit: spec(
    'governor_instance_network_transmit_bytes_total',
    'counter',
    "Bytes sent by the instance's network namespace (every interface but loopback), window by window.",
    ['app', 'instance', 'region'],
  ),
  instanceDiskRead: spec(
    'governor_instance_disk_read_bytes_total',
    'counter',
    'Bytes the instance read from block devices (cgroup io.stat or blkio, else /proc/<pid>/io read_bytes).',
    ['app', 'instance', 'region'],
  ),
  instanceDiskWritten: spec(
    'governor_instance_disk_written_bytes_total',
    'counter',
    'Bytes the instance wrote to block devices (cgroup io.stat or blkio, else /proc/<pid>/io write_bytes).',
    ['app', 'instance', 'region'],
  ),
  instanceConnections: spec(
    'governor_instance_connections',
    'gauge',
    "Established TCP connections (IPv4 and IPv6) held by the instance's processes at the end of the last window.",
    ['app', 'instance', 'region'],
  ),
  scrapeUp: spec(
    'governor_scrape_up',
    'gauge',
    '1 if the last scrape of the target succeeded, 0 otherwise.',
    ['app', 'instance', 'target'],
  ),
  scrapeDuration: spec(
    'governor_scrape_duration_seconds',
    'gauge',
    'Duration of the last scrape of the target.',
    ['app', 'instance', 'target'],
  ),
  scrapeErrors: spec(
    'governor_scrape_errors_total',
    'counter',
    'Failed scrapes by reason (down, timeout, parse, oversize, too_many_series).',
    ['app', 'instance', 'target', 'reason'],
  ),
  scrapeSeries: spec(
    'governor_scrape_series',
    'gauge',
    'Number of series in the last successful scrape of the target.',
    ['app', 'instance', 'target'],
  ),
  snapshotsPublished: spec(
    'governor_collector_snapshots_published_total',
    'counter',
    'Snapshots published to the bus.',
    ['app', 'instance'],
  ),
  publishErrors: spec(
    'governor_collector_publish_errors_total',
    'counter',
    'Snapshots that could not be published to the bus.',
    ['app', 'instance'],
  ),
} as const;

/** Metrics exported by the autoscaler daemon. */
export const AUTOSCALER_METRICS = {
  decisions: spec(
    'governor_decisions_total',
    'counter',
    'Decisions by outcome (scale_up, scale_down, no_change, fallback, error).',
    ['app', 'outcome'],
  ),
  machines: spec('governor_machines', 'gauge', 'Machines of the app by region and provider state.', [
    'app',
    'region',
    'state',
  ]),
  desired: spec('governor_desired_machines', 'gauge', 'Desired running machines.', ['app', 'region']),
  recommended: spec(
    'governor_recommended_machines',
    'gauge',
    'Machines the metrics ask for before min/max clamping.',
    ['app'],
  ),
  minMachines: spec('governor_min_machines', 'gauge', 'Effective minimum machines (after schedules).', [
    'app',
  ]),
  maxMachines: spec('governor_max_machines', 'gauge', 'Effective maximum machines (after schedules).', [
    'app',
  ]),
  actions: spec(
    'governor_actions_total',
    'counter',
    'Provider actions by kind and result (ok, error, rejected).',
    ['app', 'action', 'result'],
  ),
  actionQueueDepth: spec('governor_action_queue_depth', 'gauge', 'Pending scale actions.', []),
  tickDuration: spec('governor_tick_duration_seconds', 'histogram', 'Duration of one autoscaler tick.', []),
  appLatency: spec(
    'governor_app_latency_seconds',
    'gauge',
    'Fleet latency percentile (p50, p90, p99) of the app, merged across instances.',
    ['app', 'percentile'],
  ),
  appCpu: spec('governor_app_cpu_utilization_ratio', 'gauge', 'Mean CPU utilisation across ready machines.', [
    'app',
  ]),
  appMemory: spec(
    'governor_app_memory_utilization_ratio',
    'gauge',
    'Mean memory utilisation across ready machines.',
    ['app'],
  ),
  appErrorRatio: spec('governor_app_error_ratio', 'gauge', 'Share of 5xx responses across the app.', ['app']),
  appSlo: spec('governor_app_slo_seconds', 'gauge', 'Latency SLO of the app from the policy.', [
    'app',
    'percentile',
  ]),
  appInstancesReporting: spec(
    'governor_app_instances_reporting',
    'gauge',
    'Instances with a fresh snapshot.',
    ['app'],
  ),
  configHash: spec(
    'governor_config_hash',
    'gauge',
    'Hash of the loaded config (first 48 bits of its SHA-256).',
    [],
  ),
  configReloadSuccess: spec(
    'governor_config_last_reload_success',
    'gauge',
    '1 if the last config reload succeeded, 0 if it failed and the old config is kept.',
    [],
  ),
  configReloadTimestamp: spec(
    'governor_config_last_reload_success_timestamp_seconds',
    'gauge',
    'Time of the last successful config reload.',
    [],
  ),
  leader: spec('governor_leader', 'gauge', '1 if this replica holds the lease of at least one shard.', [
    'replica',
  ]),
  fencingToken: spec(
    'governor_leader_fencing_token',
    'gauge',
    'Highest fencing token among the shard leases this replica holds.',
    ['replica'],
  ),
  shardsOwned: spec(
    'governor_shards_owned',
    'gauge',
    'Shards whose lease this replica holds (cluster mode).',
    ['replica'],
  ),
  shards: spec('governor_shards', 'gauge', 'Shards the apps are split into (cluster mode).', ['replica']),
  notifications: spec(
    'governor_notifications_total',
    'counter',
    'Notifications sent by receiver and result.',
    ['receiver', 'result'],
  ),
  sourceQueryDuration: spec(
    'governor_source_query_duration_seconds',
    'histogram',
    'Duration of one read of a metric source (sidecar, prometheus, redis) for one app.',
    ['source', 'type'],
  ),
  sourceFailures: spec(
    'governor_source_failures_total',
    'counter',
    'Reads of a metric source that failed in whole or in part, by error code.',
    ['source', 'type', 'code'],
  ),
} as const;

/** All exported metric specs. */
export const ALL_METRICS: readonly MetricSpec[] = [
  ...Object.values(COLLECTOR_METRICS),
  ...Object.values(AUTOSCALER_METRICS),
];

/**
 * Every series name a query may use: counters and gauges by name, histograms
 * with their `_bucket`, `_sum` and `_count` series.
 */
export function exportedSeriesNames(): ReadonlySet<string> {
  const names = new Set<string>();
  for (const m of ALL_METRICS) {
    if (m.type === 'histogram') {
      for (const s of ['_bucket', '_sum', '_count']) names.add(m.name + s);
    } else {
      names.add(m.name);
    }
  }
  return names;
}

/**
 * The `percentile` label value of every latency series Governor exports
 * (`governor_instance_latency_seconds`, `governor_app_latency_seconds`,
 * `governor_app_slo_seconds`): the policy's own name, `p99`. These are
 * gauges, so they do not use the `quantile` label Prometheus reserves for
 * summaries.
 */
export function percentileLabel(q: 'p50' | 'p90' | 'p99'): string {
  return q;
}
