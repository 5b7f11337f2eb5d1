import { isGovernorError } from '@governor/errors';
import { startRedis, type TestRedis } from '@governor/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Collector, createCollector } from '../src/index.js';
import { type AppProcess, startApp } from './helpers/app-process.js';
import { BUS_KINDS, captureLogger, seriesValue, testSettings } from './helpers/harness.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const identity = { app: 'web', instance: 'i-1', region: 'ams', address: '127.0.0.1:0' };

describe.each(BUS_KINDS)('collector end to end with the $name bus', (kind) => {
  let app: AppProcess;
  let collector: Collector | undefined;
  let mono = 0;
  beforeEach(async () => {
    app = await startApp();
    mono = 0;
  });
  afterEach(async () => {
    await collector?.stop();
    collector = undefined;
    await app.stop();
  });

  function make(settings = testSettings(), metrics: { custom: string[] } = { custom: [] }) {
    const bus = kind.create(redis.url);
    const log = captureLogger();
    collector = createCollector({
      // A 100 ms SLO: requests at or under it are counted from the histogram's buckets.
      app: { name: 'web', metrics, slo: { ms: 100 } },
      identity,
      targets: [app.metricsUrl],
      bus,
      settings,
      logger: log.logger,
      monotonic: () => mono,
    });
    return { bus, log, collector };
  }

  it('reports rate, 5xx share and P50/P90/P99 of a known load, and publishes the snapshot', async () => {
    const { bus, collector: c } = make();
    const first = await c.collectOnce();
    expect(first.requests).toBeUndefined();
    // 60 at 20 ms, 30 at 70 ms, 10 errors at 300 ms (buckets .005 .01 .025 .05 .1 .25 .5 1).
    await app.work(60, 200, 20);
    await app.work(30, 200, 70);
    await app.work(10, 500, 300);
    mono = 10_000;
    const s = await c.collectOnce();
    expect(s.ready).toBe(true);
    expect(s.requests).toEqual({ count: 100, rate: 10, errorRatio: 0.1 });
    expect(s.latency).toMatchObject({ kind: 'buckets', count: 100 });
    expect(s.quantiles?.p50).toBeCloseTo(0.01 + 0.015 * (50 / 60), 9);
    expect(s.quantiles?.p90).toBeCloseTo(0.1, 9);
    expect(s.quantiles?.p99).toBeCloseTo(0.25 + 0.25 * (9 / 10), 9);
    expect(s.scrape).toEqual({ up: true, ok: 1, failed: 0 });
    expect(await bus.latest('web')).toEqual([s]);
    const text = await c.registry.metrics();
    // Counters, not per-second gauges: Prometheus takes the rate.
    expect(seriesValue(text, 'governor_instance_requests_total', { instance: 'i-1' })).toBe(100);
    // 60 at 20 ms and 30 at 70 ms are within 100 ms (the 0.1 bucket); the 10 at 300 ms are not.
    expect(seriesValue(text, 'governor_instance_requests_within_slo_total', { instance: 'i-1' })).toBe(90);
    expect(seriesValue(text, 'governor_instance_error_ratio', { instance: 'i-1' })).toBe(0.1);
    expect(seriesValue(text, 'governor_instance_latency_seconds', { percentile: 'p99' })).toBeCloseTo(
      0.475,
      9,
    );
    expect(seriesValue(text, 'governor_collector_snapshots_published_total', { instance: 'i-1' })).toBe(2);
    await bus.close();
  });

  it('reports the CPU and memory of the app process tree', async () => {
    const bus = kind.create(redis.url);
    const c = createCollector({
      app: { name: 'web' },
      identity,
      targets: [app.metricsUrl],
      bus,
      hostStats: { kind: 'process', pid: app.pid },
      settings: testSettings(),
      logger: captureLogger().logger,
    });
    collector = c;
    // The utilisation is over the interval between the two host reads, which happen inside the
    // collectOnce calls after their window ends, each delayed differently (on a busy machine by
    // more than the slack below): bracket that interval by the calls, not the snapshot window.
    const firstStart = performance.now();
    const first = await c.collectOnce();
    const firstEnd = performance.now();
    expect(first.cpu).toBeUndefined();
    const before = JSON.parse(await app.get('/usage')) as { cpuSeconds: number };
    await app.get('/burn?ms=500');
    await app.get('/alloc?mb=48');
    const after = JSON.parse(await app.get('/usage')) as { cpuSeconds: number; rss: number };
    const secondStart = performance.now();
    const s = await c.collectOnce();
    const secondEnd = performance.now();
    const cpu = s.cpu ?? expect.fail('no cpu');
    const mem = s.memory ?? expect.fail('no memory');
    const cpuSecondsOver = (ms: number) => cpu.utilization * cpu.limitCores * (ms / 1000);
    const reported = after.cpuSeconds - before.cpuSeconds;
    // The host reads bracket the app's own two reports, so they saw at least its CPU time.
    expect(cpuSecondsOver(secondEnd - firstStart)).toBeGreaterThan(reported - 0.05);
    expect(cpuSecondsOver(secondStart - firstEnd)).toBeLessThan(reported + 0.2);
    expect(Math.abs(mem.workingSetBytes - after.rss) / after.rss).toBeLessThan(0.05);
    expect(mem.utilization).toBeCloseTo(mem.workingSetBytes / mem.limitBytes, 12);
    expect((await bus.latest('web'))[0]?.cpu).toEqual(cpu);
    const text = await c.registry.metrics();
    expect(seriesValue(text, 'governor_instance_memory_working_set_bytes', { instance: 'i-1' })).toBe(
      mem.workingSetBytes,
    );
    await bus.close();
  });

  it('counts only the window: a second window sees only its own requests', async () => {
    const { bus, collector: c } = make();
    await c.collectOnce();
    await app.work(40, 200, 20);
    mono = 5000;
    await c.collectOnce();
    await app.work(10, 503, 700);
    mono = 10_000;
    const s = await c.collectOnce();
    expect(s.requests).toEqual({ count: 10, rate: 2, errorRatio: 1 });
    expect(s.quantiles?.p50).toBeCloseTo(0.5 + 0.5 * 0.5, 9);
    await bus.close();
  });

  it('carries the custom gauges and counters named in the policy', async () => {
    const { bus, collector: c } = make(testSettings(), {
      custom: ['app_queue_depth', 'app_jobs_processed_total'],
    });
    await app.get('/control?queue=7&jobs=5');
    await c.collectOnce();
    await app.get('/control?queue=3&jobs=50');
    mono = 10_000;
    const s = await c.collectOnce();
    expect(s.custom).toEqual({ app_queue_depth: 3, app_jobs_processed_total: 5 });
    await bus.close();
  });

  const failures = [
    {
      mode: 'slow',
      reason: 'timeout',
      code: 'GOV_COLLECTOR_SCRAPE_TIMEOUT',
      settings: { scrapeTimeout: 300 },
    },
    { mode: 'error', reason: 'down', code: 'GOV_COLLECTOR_SCRAPE_STATUS', settings: {} },
    { mode: 'garbage', reason: 'parse', code: 'GOV_COLLECTOR_SCRAPE_PARSE', settings: {} },
    {
      mode: 'huge',
      reason: 'oversize',
      code: 'GOV_COLLECTOR_SCRAPE_OVERSIZE',
      settings: { maxBodyBytes: 256 * 1024 },
    },
  ] as const;

  for (const f of failures) {
    it(`survives a ${f.mode} target: logs ${f.reason}, counts it, marks the snapshot not ready, then recovers`, async () => {
      const { bus, log, collector: c } = make(testSettings(f.settings));
      await c.collectOnce();
      await app.metricsMode(f.mode);
      mono = 5000;
      const bad = await c.collectOnce();
      expect(bad.ready).toBe(false);
      expect(bad.scrape).toMatchObject({ up: false, ok: 0, failed: 1 });
      expect(bad.scrape.lastError).toBeTruthy();
      const line = log.lines().find((l) => l.reason === f.reason);
      expect(line).toMatchObject({ level: 40, code: f.code, target: app.metricsUrl });
      const text = await c.registry.metrics();
      expect(seriesValue(text, 'governor_scrape_errors_total', { reason: f.reason })).toBe(1);
      expect(seriesValue(text, 'governor_scrape_up', { target: app.metricsUrl })).toBe(0);
      expect(c.ready()).toBe(false);

      await app.metricsMode('ok');
      await app.work(20, 200, 20);
      mono = 10_000;
      const good = await c.collectOnce();
      expect(good.ready).toBe(true);
      // The increase spans both windows since the last good scrape: nothing is lost.
      expect(good.requests?.count).toBe(20);
      expect(c.ready()).toBe(true);
      await bus.close();
    });
  }

  it('reports too_many_series when the body exceeds the series cap', async () => {
    const { bus, collector: c } = make(testSettings({ maxSeries: 20 }));
    const s = await c.collectOnce();
    expect(s.scrape.up).toBe(false);
    expect(s.scrape.lastError).toMatch(/more than 20 series/);
    const text = await c.registry.metrics();
    expect(seriesValue(text, 'governor_scrape_errors_total', { reason: 'too_many_series' })).toBe(1);
    await bus.close();
  });

  it('scrapes a restarted app at once and counts its reset counters as a fresh start', async () => {
    const { bus, collector: c } = make();
    await app.work(50, 200, 20);
    await c.collectOnce();
    await app.work(5, 200, 20);
    mono = 5000;
    expect((await c.collectOnce()).requests?.count).toBe(5);
    const port = app.port;
    await app.stop();
    app = await startApp({}, port);
    await app.work(3, 500, 20);
    mono = 10_000;
    const s = await c.collectOnce();
    expect(s.ready).toBe(true);
    expect(s.scrape).toEqual({ up: true, ok: 1, failed: 0 });
    expect(s.requests).toEqual({ count: 3, rate: 0.6, errorRatio: 1 });
    await bus.close();
  });

  it('handles a target that is down (connection refused) and one that flaps', async () => {
    const { bus, log, collector: c } = make();
    await c.collectOnce();
    await app.work(10, 200, 20);
    mono = 5000;
    await c.collectOnce();
    for (const [i, mode] of (['error', 'ok', 'error', 'ok'] as const).entries()) {
      await app.metricsMode(mode);
      mono = 10_000 + i * 5000;
      const s = await c.collectOnce();
      expect(s.ready).toBe(mode === 'ok');
    }
    await app.stop();
    mono = 40_000;
    const down = await c.collectOnce();
    expect(down.ready).toBe(false);
    expect(down.scrape.lastError).toMatch(/unreachable/);
    expect(down.requests).toBeUndefined();
    const text = await c.registry.metrics();
    expect(seriesValue(text, 'governor_scrape_errors_total', { reason: 'down' })).toBe(3);
    // A vanished target leaves no stale request gauges behind.
    expect(seriesValue(text, 'governor_instance_error_ratio', { instance: 'i-1' })).toBeUndefined();
    expect(seriesValue(text, 'governor_instance_latency_seconds', { percentile: 'p99' })).toBeUndefined();
    expect(log.lines().some((l) => l.msg === 'scrape target is back up')).toBe(true);
    await bus.close();
  });
});

describe('collector loop', () => {
  it('keeps scraping and publishing through timeouts without overlapping runs, and stops cleanly', async () => {
    const app = await startApp();
    const bus = BUS_KINDS[0]?.create() ?? expect.fail('no memory bus');
    const { logger, lines } = captureLogger();
    const settings = testSettings({
      scrapeInterval: 100,
      scrapeTimeout: 80,
      window: 300,
      staleAfter: 10_000,
    });
    const c = createCollector({
      app: { name: 'web' },
      identity,
      targets: [app.metricsUrl],
      bus,
      settings,
      logger,
    });
    try {
      await app.metricsMode('slow');
      c.start();
      c.start();
      await new Promise((r) => setTimeout(r, 900));
      expect(c.lastSnapshot?.ready).toBe(false);
      await app.metricsMode('ok');
      await app.work(5, 200, 20);
      for (let i = 0; i < 60 && !c.lastSnapshot?.ready; i++) await new Promise((r) => setTimeout(r, 100));
      expect(c.lastSnapshot?.ready).toBe(true);
    } finally {
      await c.stop();
      await app.stop();
    }
    const text = await c.registry.metrics();
    expect(seriesValue(text, 'governor_scrape_errors_total', { reason: 'timeout' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(lines().some((l) => l.reason === 'timeout')).toBe(true);
    expect(lines().at(-1)?.msg).toBe('collector stopped');
    expect((await bus.latest('web')).length).toBe(1);
    await bus.close();
  });
});

describe('collector with a dead Redis', () => {
  it('counts publish errors, keeps collecting, and publishes the buffered snapshots once Redis is back', async () => {
    const own = await startRedis();
    const app = await startApp();
    const bus = BUS_KINDS[1]?.create(own.url) ?? expect.fail('no redis bus');
    const { logger, lines } = captureLogger();
    let mono = 0;
    const c = createCollector({
      app: { name: 'web' },
      identity,
      targets: [app.metricsUrl],
      bus,
      settings: testSettings(),
      logger,
      monotonic: () => mono,
    });
    try {
      await c.collectOnce();
      await own.kill();
      await app.work(10, 200, 20);
      mono = 5000;
      const s = await c.collectOnce();
      expect(s.requests?.count).toBe(10);
      let text = await c.registry.metrics();
      expect(seriesValue(text, 'governor_collector_publish_errors_total', { instance: 'i-1' })).toBe(1);
      const err = lines().find((l) => l.msg?.toString().startsWith('cannot publish'));
      expect(err?.code).toBe('GOV_BUS_UNAVAILABLE');
      await own.start();
      let latest: Awaited<ReturnType<typeof bus.latest>> = [];
      for (let i = 0; i < 50; i++) {
        mono += 5000;
        await c.collectOnce();
        try {
          latest = await bus.latest('web');
          if (latest.length > 0) break;
        } catch (e) {
          expect(isGovernorError(e, 'GOV_BUS_UNAVAILABLE')).toBe(true);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(latest.map((x) => x.instance)).toEqual(['i-1']);
      text = await c.registry.metrics();
      // The first snapshot plus every later one got through, including the buffered one.
      const published =
        seriesValue(text, 'governor_collector_snapshots_published_total', { instance: 'i-1' }) ?? 0;
      const failed = seriesValue(text, 'governor_collector_publish_errors_total', { instance: 'i-1' }) ?? 0;
      expect(published).toBeGreaterThanOrEqual(3);
      expect(failed).toBeGreaterThanOrEqual(1);
      expect(lines().some((l) => l.msg === 'bus is back; buffered snapshots published')).toBe(true);
    } finally {
      await c.stop();
      await bus.close();
      await app.stop();
      await own.stop();
    }
  });
});
