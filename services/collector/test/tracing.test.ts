import { MemoryBus } from '@governor/bus';
import { silentLogger, startTelemetry } from '@governor/telemetry';
import { describe, expect, it } from 'vitest';
import { createCollector } from '../src/index.js';
import { startApp } from './helpers/app-process.js';
import { testSettings } from './helpers/harness.js';
import { startOtlpReceiver } from './helpers/otlp-receiver.js';

describe('collector tracing', () => {
  it('exports a span per scrape and per publish over OTLP/HTTP when an endpoint is set', async () => {
    const receiver = await startOtlpReceiver();
    const endpoint = receiver.endpoint;
    const app = await startApp();
    const telemetry = startTelemetry({ serviceName: 'governor-collector', endpoint, exportDelayMs: 50 });
    const c = createCollector({
      app: { name: 'web' },
      identity: { app: 'web', instance: 'i-1', region: 'local' },
      targets: [app.metricsUrl],
      bus: new MemoryBus(),
      settings: testSettings(),
      logger: silentLogger(),
      tracer: telemetry.tracer,
    });
    try {
      await c.collectOnce();
      await app.metricsMode('garbage');
      await c.collectOnce();
    } finally {
      await c.stop();
      await telemetry.shutdown();
      await app.stop();
      await receiver.close();
    }
    const all = receiver.bodies.join('\n');
    expect(all).toContain('collector.scrape');
    expect(all).toContain('collector.publish');
    expect(all).toContain(app.metricsUrl);
    expect(all).toContain('governor-collector');
  });
});
