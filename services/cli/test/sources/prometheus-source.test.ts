import { PrometheusSource, SidecarSource } from '@governor/autoscaler';
import { MemoryBus } from '@governor/bus';
import { type Collector, createCollector } from '@governor/collector';
import type { AppConfig, GovernorConfig, PrometheusSourceConfig } from '@governor/config';
import { configFrom } from '@governor/config/testing';
import type { BucketDistribution } from '@governor/metrics';
import { fleetQuantile, type MachineObservation } from '@governor/scaler';
import { silentLogger } from '@governor/telemetry';
import { startPrometheus, type TestPrometheus } from '@governor/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAppOnProm } from './demo-app-config.js';
import { type DemoFleet, startDemoFleet, steadyLoad } from './demo-fleet.js';

/**
 * The Prometheus source against a real Prometheus scraping real demo-app
 * instances, compared with the sidecar collectors reading the same
 * instances over the same 20 s. Documented tolerances
 * (docs/metric-sources.md): request rate within 5%, error share within 2
 * points, each latency quantile in the same or an adjacent histogram bucket.
 */

let fleet: DemoFleet;
let prometheus: TestPrometheus;
let config: GovernorConfig;

function demoConfig(promUrl: string): GovernorConfig {
  return configFrom(`
version: 1
collector: { scrapeInterval: 1s, scrapeTimeout: 900ms, window: 60s, staleAfter: 5m }
metricSources:
  prom: { type: prometheus, url: ${promUrl}, lookback: 40s, timeout: 2s }
${demoAppOnProm(['{ type: latency, quantile: p99, slo: 500ms }', '{ type: cpu, utilization: 70% }'])}`);
}

beforeAll(async () => {
  fleet = await startDemoFleet(2, {
    DEMO_CONCURRENCY: '2',
    DEMO_QUEUE_LIMIT: '3',
    DEMO_SERVICE_TIME_MS: '40',
  });
  prometheus = await startPrometheus({ jobs: { demo: fleet.machines.map((m) => m.address as string) } });
  config = demoConfig(prometheus.url);
}, 120_000);
afterAll(async () => {
  await prometheus?.stop();
  await fleet?.stop();
});

const app = () => config.apps[0] as AppConfig;
const promConfig = (over: Partial<PrometheusSourceConfig> = {}) =>
  ({ ...(config.metricSources?.prom as PrometheusSourceConfig), ...over }) as PrometheusSourceConfig;
const request = (signal = new AbortController().signal) => ({
  app: app(),
  machines: fleet.machines,
  now: Date.now(),
  signal,
});

/** Index of the bucket (upper bound) a latency in seconds falls in. */
function bucketIndex(bounds: readonly number[], seconds: number): number {
  const i = bounds.findIndex((b) => seconds <= b + 1e-9);
  return i === -1 ? bounds.length : i;
}

describe('Prometheus source vs sidecar collectors on the same demo instances', () => {
  it('matches per instance: rates within 5%, error share within 2 points, quantiles within one bucket', async () => {
    const bus = new MemoryBus();
    const collectors: Collector[] = fleet.machines.map((m) =>
      createCollector({
        app: app(),
        identity: { app: 'demo', instance: m.id, region: m.region, address: m.address as string },
        targets: [`http://${m.address}/metrics`],
        bus,
        settings: config.collector,
        logger: silentLogger(),
      }),
    );
    // 3 requests per instance every 100 ms (30/s) against 2 slots of 40 ms: bursts queue, a few overflow.
    const stopLoad = steadyLoad(fleet.machines, 3, 100);
    try {
      await new Promise((r) => setTimeout(r, 4000));
      await Promise.all(collectors.map((c) => c.collectOnce()));
      // The sidecar's window and the query's lookback both span 40 s: a scrape's jitter at either end moves the rate by a few percent of 1 s / 40 s.
      await new Promise((r) => setTimeout(r, 40_000));
      const [, promObs] = await Promise.all([
        Promise.all(collectors.map((c) => c.collectOnce())),
        new PrometheusSource({ config: promConfig() }).observe(request()),
      ]);
      const sideObs = await new SidecarSource(bus, () => config.collector.staleAfter).observe(request());
      expect(promObs.sourceError).toBeUndefined();
      for (const m of fleet.machines) {
        const p = promObs.machines.find((x) => x.id === m.id)?.metrics;
        const s = sideObs.machines.find((x) => x.id === m.id)?.metrics;
        expect(p?.rps, `${m.id} prometheus rps`).toBeGreaterThan(10);
        expect(s?.rps, `${m.id} sidecar rps`).toBeGreaterThan(10);
        const rel = Math.abs((p?.rps as number) / (s?.rps as number) - 1);
        expect(rel, `${m.id}: rps got ${p?.rps} want ${s?.rps} (within 5%)`).toBeLessThanOrEqual(0.05);
        expect(
          Math.abs((p?.errorRatio ?? -1) - (s?.errorRatio ?? -2)),
          `${m.id} error share`,
        ).toBeLessThanOrEqual(0.02);
        expect(p?.cpu, `${m.id} cpu from process_cpu_seconds_total`).toBeGreaterThan(0);
        const pl = p?.latency as BucketDistribution;
        const sl = s?.latency as BucketDistribution;
        expect(pl?.kind).toBe('buckets');
        expect(pl.bounds).toEqual(sl.bounds);
        for (const q of [0.5, 0.9, 0.99]) {
          const pq = fleetQuantile([pl], q)?.ms as number;
          const sq = fleetQuantile([sl], q)?.ms as number;
          const gap = Math.abs(bucketIndex(pl.bounds, pq / 1000) - bucketIndex(sl.bounds, sq / 1000));
          expect(gap, `${m.id} q${q}: prometheus ${pq}ms vs sidecar ${sq}ms`).toBeLessThanOrEqual(1);
        }
      }
      // The fleet quantile merges buckets across instances (never an average of quantiles).
      const fleetOf = (ms: readonly MachineObservation[]) =>
        fleetQuantile(
          ms.flatMap((x) => (x.metrics?.latency ? [x.metrics.latency] : [])),
          0.99,
        )?.ms as number;
      const first = promObs.machines[0]?.metrics?.latency as BucketDistribution;
      const bounds = first.bounds;
      const gap = Math.abs(
        bucketIndex(bounds, fleetOf(promObs.machines) / 1000) -
          bucketIndex(bounds, fleetOf(sideObs.machines) / 1000),
      );
      expect(gap).toBeLessThanOrEqual(1);
    } finally {
      await stopLoad();
      await Promise.all(collectors.map((c) => c.stop()));
    }
  }, 90_000);
});
