import { MemoryBus } from '@governor/bus';
import { silentLogger } from '@governor/telemetry';
import { describe, expect, it } from 'vitest';
import { createCollector } from '../src/index.js';
import { startApp } from './helpers/app-process.js';
import { seriesValue, testSettings } from './helpers/harness.js';

describe('an instance with two scrape targets', () => {
  it('sums their requests and merges their histograms; one target down keeps the other counted', async () => {
    const a = await startApp();
    const b = await startApp();
    let mono = 0;
    const c = createCollector({
      app: { name: 'web' },
      identity: { app: 'web', instance: 'i-1', region: 'ams' },
      targets: [a.metricsUrl, b.metricsUrl],
      bus: new MemoryBus(),
      settings: testSettings(),
      logger: silentLogger(),
      monotonic: () => mono,
    });
    try {
      await c.collectOnce();
      await a.work(30, 200, 20);
      await b.work(10, 500, 300);
      mono = 10_000;
      const s = await c.collectOnce();
      expect(s.requests).toEqual({ count: 40, rate: 4, errorRatio: 0.25 });
      expect(s.latency).toMatchObject({ kind: 'buckets', count: 40 });
      // 30 in (0.01, 0.025], 10 in (0.25, 0.5]: P50 = 0.01 + 0.015 * 20/30.
      expect(s.quantiles?.p50).toBeCloseTo(0.01 + 0.015 * (20 / 30), 9);
      expect(s.scrape).toEqual({ up: true, ok: 2, failed: 0 });

      await b.metricsMode('error');
      await a.work(5, 200, 20);
      mono = 20_000;
      const partial = await c.collectOnce();
      expect(partial.ready).toBe(true);
      expect(partial.scrape).toMatchObject({ up: true, ok: 1, failed: 1 });
      expect(partial.requests).toEqual({ count: 5, rate: 0.5, errorRatio: 0 });
      const text = await c.registry.metrics();
      expect(seriesValue(text, 'governor_scrape_up', { target: a.metricsUrl })).toBe(1);
      expect(seriesValue(text, 'governor_scrape_up', { target: b.metricsUrl })).toBe(0);
    } finally {
      await c.stop();
      await a.stop();
      await b.stop();
    }
  });
});
