import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryBus } from '@governor/bus';
import { silentLogger, startTelemetry } from '@governor/telemetry';
import { describe, expect, it } from 'vitest';
import { createCollector } from '../src/index.js';
import { startApp } from './helpers/app-process.js';
import { testSettings } from './helpers/harness.js';

describe('collector tracing', () => {
  it('exports a span per scrape and per publish over OTLP/HTTP when an endpoint is set', async () => {
    const bodies: string[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        if (req.url === '/v1/traces') bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
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
      await new Promise((r) => receiver.close(r));
    }
    const all = bodies.join('\n');
    expect(all).toContain('collector.scrape');
    expect(all).toContain('collector.publish');
    expect(all).toContain(app.metricsUrl);
    expect(all).toContain('governor-collector');
  });
});
