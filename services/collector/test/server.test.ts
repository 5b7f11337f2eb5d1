import { MemoryBus } from '@governor/bus';
import { createMetricsRegistry, silentLogger } from '@governor/telemetry';
import { describe, expect, it } from 'vitest';
import { createCollector, startCollectorServer } from '../src/index.js';
import { startApp } from './helpers/app-process.js';
import { seriesValue, testSettings } from './helpers/harness.js';

describe('collector HTTP server', () => {
  it('serves /metrics, /healthz, and /readyz that turns 200 once a target answers', async () => {
    let ready = false;
    const registry = createMetricsRegistry({ processMetrics: false });
    const server = await startCollectorServer({
      registry,
      ready: () => ready,
      port: 0,
      logger: silentLogger(),
    });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const notReady = await fetch(`${server.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ ready: false });
      ready = true;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const metrics = await fetch(`${server.url}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
    } finally {
      await server.close();
    }
  });

  it('serves two in-process collectors from one shared registry and drops a stopped one', async () => {
    const app = await startApp();
    const registry = createMetricsRegistry({ processMetrics: false });
    const make = (instance: string) =>
      createCollector({
        app: { name: 'web' },
        identity: { app: 'web', instance, region: 'local' },
        targets: [app.metricsUrl],
        bus: new MemoryBus(),
        settings: testSettings(),
        logger: silentLogger(),
        metricsRegistry: registry,
      });
    const a = make('a');
    const b = make('b');
    const server = await startCollectorServer({
      registry,
      ready: () => a.ready(),
      port: 0,
      logger: silentLogger(),
    });
    try {
      await a.collectOnce();
      await b.collectOnce();
      let text = await (await fetch(`${server.url}/metrics`)).text();
      expect(seriesValue(text, 'governor_scrape_up', { instance: 'a' })).toBe(1);
      expect(seriesValue(text, 'governor_scrape_up', { instance: 'b' })).toBe(1);
      await b.stop();
      text = await (await fetch(`${server.url}/metrics`)).text();
      expect(seriesValue(text, 'governor_scrape_up', { instance: 'a' })).toBe(1);
      expect(seriesValue(text, 'governor_scrape_up', { instance: 'b' })).toBeUndefined();
    } finally {
      await a.stop();
      await server.close();
      await app.stop();
    }
  });
});
