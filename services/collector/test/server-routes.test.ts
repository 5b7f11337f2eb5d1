import { silentLogger } from '@governor/telemetry';
import { Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { startCollectorServer } from '../src/index.js';

describe('collector HTTP server routes', () => {
  it('answers 404 with a JSON body for an unknown route or method, and ignores query strings', async () => {
    const server = await startCollectorServer({
      registry: new Registry(),
      ready: () => true,
      port: 0,
      logger: silentLogger(),
    });
    try {
      const missing = await fetch(`${server.url}/nope`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/json');
      expect(await missing.json()).toEqual({
        message: 'Route GET:/nope not found',
        error: 'Not Found',
        statusCode: 404,
      });
      expect((await fetch(`${server.url}/healthz`, { method: 'POST' })).status).toBe(404);
      const ready = await fetch(`${server.url}/readyz?verbose=1`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ready: true });
      expect((await fetch(`${server.url}/healthz`, { method: 'HEAD' })).status).toBe(200);
    } finally {
      await server.close();
    }
    // A second close (shutdown after a failed start, say) resolves too.
    await server.close();
  });

  it('answers 500 when the registry fails and keeps serving', async () => {
    const registry = new Registry();
    let fail = true;
    new Gauge({
      name: 'test_flaky',
      help: 'fails to collect while `fail` is set',
      registers: [registry],
      collect() {
        if (fail) throw new Error('collect failed');
        this.set(1);
      },
    });
    const server = await startCollectorServer({
      registry,
      ready: () => true,
      port: 0,
      logger: silentLogger(),
    });
    try {
      const broken = await fetch(`${server.url}/metrics`);
      expect(broken.status).toBe(500);
      expect(await broken.json()).toMatchObject({ statusCode: 500, error: 'Internal Server Error' });
      fail = false;
      const ok = await fetch(`${server.url}/metrics`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('test_flaky 1');
    } finally {
      await server.close();
    }
  });
});
