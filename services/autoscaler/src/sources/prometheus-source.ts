import type { AppConfig, PrometheusSourceConfig } from '@governor/config';
import { describeError } from '@governor/errors';
import type { BucketDistribution } from '@governor/metrics';
import type { Machine } from '@governor/providers';
import type { MachineMetrics, Observations } from '@governor/scaler';
import { machineObservations } from './machine-observations.js';
import type { MetricSource, ObserveRequest } from './metric-source.js';
import { PrometheusClient, type PromSample } from './prometheus-client.js';
import { type AppQueries, appQueries, type GeneratedQuery } from './prometheus-queries.js';

const RUNNING = new Set(['started', 'starting', 'replacing']);

/** Options of {@link PrometheusSource}. */
export interface PrometheusSourceOptions {
  readonly config: PrometheusSourceConfig;
  /** Default: the global fetch. */
  readonly fetch?: typeof fetch;
  /**
   * `instance` (default): series land on the machine their instance label
   * names. `fleet`: every query is aggregated over the whole app first
   * (rates summed, utilisations averaged) and shared evenly among the
   * machines given: what `governor eval --current N` asks ("this load on N
   * machines").
   */
  readonly placement?: 'instance' | 'fleet';
}

interface Accumulator {
  cpu?: number;
  memory?: number;
  rps?: number;
  errors?: number;
  buckets?: Map<string, number>;
  custom?: Record<string, number>;
  connections?: number;
  networkReceive?: number;
  networkTransmit?: number;
  diskRead?: number;
  diskWritten?: number;
}

/**
 * Reads an app's metrics from a Prometheus server with queries generated
 * from the config (see {@link appQueries}), per instance where the series
 * carry the instance label (matched to a machine's id or address), else per
 * region, else for the whole app, shared evenly among the running machines
 * of the group. A failed query leaves its metric missing for every machine
 * and is reported; when every query fails the read rejects.
 */
export class PrometheusSource implements MetricSource {
  readonly type = 'prometheus' as const;
  readonly name: string;
  private readonly client: PrometheusClient;

  constructor(private readonly options: PrometheusSourceOptions) {
    const c = options.config;
    this.name = c.name;
    const token = c.token?.reveal();
    this.client = new PrometheusClient({
      url: c.url,
      headers: { ...c.headers, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      timeout: c.timeout,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  }

  async observe(req: ObserveRequest): Promise<Observations> {
    const q = appQueries(this.options.config, req.app);
    const running = req.machines.filter((m) => RUNNING.has(m.state));
    const acc = new Map<string, Accumulator>();
    const jobs: { query: GeneratedQuery; apply: (m: Accumulator, v: number, s: PromSample) => void }[] = [];
    if (q.cpu) jobs.push({ query: q.cpu, apply: (a, v) => (a.cpu = v) });
    if (q.memory) jobs.push({ query: q.memory, apply: (a, v) => (a.memory = v) });
    jobs.push({ query: q.requests, apply: (a, v) => (a.rps = (a.rps ?? 0) + v) });
    jobs.push({ query: q.errors, apply: (a, v) => (a.errors = (a.errors ?? 0) + v) });
    jobs.push({
      query: q.latency,
      apply: (a, v, s) => {
        const le = s.labels.le;
        if (le === undefined) return;
        a.buckets ??= new Map();
        a.buckets.set(le, (a.buckets.get(le) ?? 0) + v);
      },
    });
    const additive = (
      key: 'connections' | 'networkReceive' | 'networkTransmit' | 'diskRead' | 'diskWritten',
    ) => {
      const query = q[key];
      if (query !== undefined) jobs.push({ query, apply: (a, v) => (a[key] = (a[key] ?? 0) + v) });
    };
    additive('connections');
    additive('networkReceive');
    additive('networkTransmit');
    additive('diskRead');
    additive('diskWritten');
    for (const [name, query] of Object.entries(q.custom)) {
      jobs.push({ query, apply: (a, v) => (a.custom = { ...a.custom, [name]: v }) });
    }
    const externals = externalQueries(req.app);
    const results = await Promise.allSettled([
      ...jobs.map((j) => this.client.query(j.query.expr, req.signal)),
      ...externals.map((e) => this.client.query(e.expr, req.signal)),
    ]);
    req.signal.throwIfAborted();
    const failures: unknown[] = [];
    let errorsOk = true;
    jobs.forEach((job, i) => {
      const r = results[i] as PromiseSettledResult<PromSample[]>;
      if (r.status === 'rejected') {
        failures.push(r.reason);
        if (job.query === q.errors) errorsOk = false;
        return;
      }
      const samples = this.options.placement === 'fleet' ? fleetSamples(r.value, job.query) : r.value;
      for (const s of samples) {
        if (!Number.isFinite(s.value)) continue;
        const group = place(s, q, running);
        const v = job.query.spread === 'share' && group.length > 0 ? s.value / group.length : s.value;
        for (const m of group) {
          const a = acc.get(m.id) ?? {};
          acc.set(m.id, a);
          job.apply(a, v, s);
        }
      }
    });
    const external: Record<string, number> = {};
    externals.forEach((e, i) => {
      const r = results[jobs.length + i] as PromiseSettledResult<PromSample[]>;
      if (r.status === 'rejected') {
        failures.push(r.reason);
        return;
      }
      const values = r.value.map((s) => s.value).filter(Number.isFinite);
      if (values.length === 0) return;
      const sum = values.reduce((x, y) => x + y, 0);
      external[e.key] = e.mode === 'sum' ? sum : sum / values.length;
    });
    if (failures.length === results.length) throw failures[0];
    for (const f of failures) req.onPartialFailure?.(f);
    const rpsOk = results[jobs.findIndex((j) => j.query === q.requests)]?.status === 'fulfilled';
    const machines = machineObservations(req.machines, (m) => {
      const a = acc.get(m.id);
      // No series at all: Prometheus has not scraped this machine (yet); every metric is missing.
      return a === undefined ? undefined : toMetrics(a, rpsOk, errorsOk);
    });
    const obs: Observations = { app: req.app.name, machines };
    if (Object.keys(external).length > 0) obs.external = external;
    if (req.edgeRps !== undefined) obs.edgeRps = req.edgeRps;
    if (failures.length > 0) {
      obs.sourceError =
        `prometheus "${this.name}": ${failures.length} of ${results.length} queries failed: ` +
        describeError(failures[0]);
    }
    return obs;
  }

  async close(): Promise<void> {}
}

/** The `query` targets of an app: their expression, key and how the series combine. */
function externalQueries(app: AppConfig): { key: string; expr: string; mode: 'sum' | 'avg' }[] {
  const out: { key: string; expr: string; mode: 'sum' | 'avg' }[] = [];
  for (const t of app.targets) {
    if (t.type !== 'query') continue;
    out.push({ key: `query:${t.name}`, expr: t.query, mode: t.perMachine === undefined ? 'avg' : 'sum' });
  }
  return out;
}

/** The whole app's samples (by `le` for histograms): shares summed, utilisations averaged. */
function fleetSamples(samples: readonly PromSample[], query: GeneratedQuery): PromSample[] {
  const groups = new Map<string, { sum: number; n: number }>();
  for (const s of samples) {
    if (!Number.isFinite(s.value)) continue;
    const key = s.labels.le ?? '';
    const g = groups.get(key) ?? { sum: 0, n: 0 };
    g.sum += s.value;
    g.n++;
    groups.set(key, g);
  }
  return [...groups].map(
    ([le, g]): PromSample => ({
      labels: le === '' ? {} : { le },
      value: query.spread === 'share' ? g.sum : g.sum / g.n,
    }),
  );
}

/** The running machines a series belongs to: its instance, else its region, else all. */
function place(s: PromSample, q: AppQueries, running: readonly Machine[]): readonly Machine[] {
  const instance = s.labels[q.instanceLabel];
  if (instance) {
    const m = running.find((x) => x.id === instance || x.address === instance);
    return m === undefined ? [] : [m];
  }
  const region = q.regionLabel === undefined ? undefined : s.labels[q.regionLabel];
  if (region) return running.filter((x) => x.region === region);
  return running;
}

function toMetrics(a: Accumulator, rpsOk: boolean, errorsOk: boolean): MachineMetrics {
  const out: MachineMetrics = {};
  if (a.cpu !== undefined) out.cpu = a.cpu;
  if (a.memory !== undefined) out.memory = a.memory;
  if (rpsOk) {
    // A scraped machine without a request series has served nothing yet (client libraries
    // create labelled counters on first use).
    const rps = a.rps ?? 0;
    out.rps = rps;
    if (errorsOk) out.errorRatio = rps > 0 ? Math.min(1, (a.errors ?? 0) / rps) : 0;
  }
  const latency = a.buckets === undefined ? undefined : distribution(a.buckets);
  if (latency !== undefined) out.latency = latency;
  if (a.custom !== undefined) out.custom = a.custom;
  if (a.connections !== undefined) out.connections = a.connections;
  if (a.networkReceive !== undefined && a.networkTransmit !== undefined) {
    out.network = { receiveBytesPerSecond: a.networkReceive, transmitBytesPerSecond: a.networkTransmit };
  }
  if (a.diskRead !== undefined && a.diskWritten !== undefined) {
    out.disk = { readBytesPerSecond: a.diskRead, writeBytesPerSecond: a.diskWritten };
  }
  return out;
}

/** Cumulative `le` counts to a bucket distribution; the `+Inf` bucket is the count. */
function distribution(buckets: Map<string, number>): BucketDistribution | undefined {
  const finite: [number, number][] = [];
  let inf: number | undefined;
  for (const [le, count] of buckets) {
    const bound = Number(le);
    if (bound === Number.POSITIVE_INFINITY) inf = count;
    else if (Number.isFinite(bound)) finite.push([bound, count]);
  }
  if (finite.length === 0) return undefined;
  finite.sort((x, y) => x[0] - y[0]);
  const cumulative = finite.map(([, c]) => c);
  const count = inf ?? Math.max(...cumulative);
  return { kind: 'buckets', bounds: finite.map(([b]) => b), cumulative, count, sum: 0 };
}
