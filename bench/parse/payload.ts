/**
 * A deterministic, realistic scrape for bench:parse: what a node-exporter-like
 * host collector plus an instrumented web app expose (~200 KB of Prometheus
 * text), generated from a fixed seed.
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const ROUTES = [
  '/',
  '/api/users',
  '/api/users/:id',
  '/api/orders',
  '/api/orders/:id',
  '/healthz',
  '/login',
  '/search',
];
const STATUSES = ['200', '201', '404', '500'];
const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const CPU_MODES = ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'];
const DEVICES = ['nvme0n1', 'nvme1n1', 'sda', 'sdb'];
const IFACES = ['eth0', 'eth1', 'lo', 'docker0'];

/** Builds the payload; `targetBytes` defaults to ~200 KB. */
export function buildPayload(targetBytes = 200_000, seed = 42): string {
  const rand = mulberry32(seed);
  const out: string[] = [];
  const counter = (max: number): string => String(Math.floor(rand() * max));
  const gauge = (): string => (rand() * 1000).toFixed(3);

  out.push('# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.');
  out.push('# TYPE go_gc_duration_seconds summary');
  for (const q of ['0', '0.25', '0.5', '0.75', '1'])
    out.push(`go_gc_duration_seconds{quantile="${q}"} ${(rand() / 1000).toExponential(6)}`);
  out.push(`go_gc_duration_seconds_sum ${(rand() * 10).toFixed(6)}`);
  out.push(`go_gc_duration_seconds_count ${counter(100000)}`);
  out.push('# HELP go_goroutines Number of goroutines that currently exist.');
  out.push('# TYPE go_goroutines gauge');
  out.push(`go_goroutines ${counter(500)}`);

  out.push('# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.');
  out.push('# TYPE node_cpu_seconds_total counter');
  for (let cpu = 0; cpu < 32; cpu++) {
    for (const mode of CPU_MODES)
      out.push(`node_cpu_seconds_total{cpu="${cpu}",mode="${mode}"} ${(rand() * 1e6).toFixed(2)}`);
  }
  for (const metric of [
    'reads_completed_total',
    'writes_completed_total',
    'read_bytes_total',
    'written_bytes_total',
    'io_time_seconds_total',
  ]) {
    out.push(`# HELP node_disk_${metric} Disk statistic ${metric}.`);
    out.push(`# TYPE node_disk_${metric} counter`);
    for (const d of DEVICES) out.push(`node_disk_${metric}{device="${d}"} ${counter(1e10)}`);
  }
  for (const metric of [
    'receive_bytes_total',
    'transmit_bytes_total',
    'receive_packets_total',
    'transmit_packets_total',
    'receive_errs_total',
  ]) {
    out.push(`# HELP node_network_${metric} Network device statistic ${metric}.`);
    out.push(`# TYPE node_network_${metric} counter`);
    for (const i of IFACES) out.push(`node_network_${metric}{device="${i}"} ${counter(1e12)}`);
  }
  for (const metric of [
    'MemTotal_bytes',
    'MemFree_bytes',
    'MemAvailable_bytes',
    'Buffers_bytes',
    'Cached_bytes',
    'SwapTotal_bytes',
  ]) {
    out.push(`# HELP node_memory_${metric} Memory information field ${metric}.`);
    out.push(`# TYPE node_memory_${metric} gauge`);
    out.push(`node_memory_${metric} ${counter(3.2e10)}`);
  }
  out.push('# HELP node_filesystem_avail_bytes Filesystem space available to non-root users in bytes.');
  out.push('# TYPE node_filesystem_avail_bytes gauge');
  for (const [dev, mp] of [
    ['/dev/nvme0n1p1', '/'],
    ['/dev/nvme1n1', '/data'],
    ['tmpfs', '/run'],
    ['tmpfs', '/dev/shm'],
  ]) {
    out.push(
      `node_filesystem_avail_bytes{device="${dev}",fstype="ext4",mountpoint="${mp}"} ${counter(1e12)}`,
    );
  }

  // App metrics repeat with a shard label until the payload is big enough.
  const app: string[] = [];
  const requests: string[] = [];
  const inflight: string[] = [];
  let size = out.reduce((n, l) => n + l.length + 1, 0);
  const push = (list: string[], line: string): void => {
    list.push(line);
    size += line.length + 1;
  };
  for (let shard = 0; size < targetBytes; shard++) {
    for (const method of METHODS) {
      for (const route of ROUTES) {
        if (size >= targetBytes) break;
        const labels = `handler="${route}",method="${method}",shard="${shard}"`;
        let cumulative = 0;
        for (const le of BOUNDS) {
          cumulative += Math.floor(rand() * 200);
          push(app, `http_request_duration_seconds_bucket{${labels},le="${le}"} ${cumulative}`);
        }
        cumulative += Math.floor(rand() * 20);
        push(app, `http_request_duration_seconds_bucket{${labels},le="+Inf"} ${cumulative}`);
        push(app, `http_request_duration_seconds_sum{${labels}} ${(cumulative * rand() * 0.3).toFixed(4)}`);
        push(app, `http_request_duration_seconds_count{${labels}} ${cumulative}`);
        for (const status of STATUSES)
          push(requests, `http_requests_total{${labels},status="${status}"} ${counter(1e6)}`);
        push(inflight, `http_requests_in_flight{${labels}} ${gauge()}`);
      }
    }
  }
  out.push(
    '# HELP http_request_duration_seconds Request latency.',
    '# TYPE http_request_duration_seconds histogram',
    ...app,
  );
  out.push(
    '# HELP http_requests_total Requests by status.',
    '# TYPE http_requests_total counter',
    ...requests,
  );
  out.push(
    '# HELP http_requests_in_flight Requests being served.',
    '# TYPE http_requests_in_flight gauge',
    ...inflight,
  );
  return `${out.join('\n')}\n`;
}
