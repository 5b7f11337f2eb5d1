import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import { collectDefaultMetrics } from 'prom-client';
import { Capacity } from './capacity.js';
import { createDemoMetrics } from './metrics.js';
import type { DemoSettings } from './settings.js';

/** Burns CPU for about `ms` milliseconds (so CPU utilisation follows load). */
function burn(ms: number): void {
  if (ms <= 0) return;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose
  }
}

/**
 * Builds the demo app: `GET /` does one unit of work under the capacity
 * model, `/healthz` answers while the process is up, `/metrics` exposes the
 * latency histogram (`http_request_duration_seconds{status_code}`).
 */
export function buildDemoApp(settings: DemoSettings): FastifyInstance {
  const capacity = new Capacity({ concurrency: settings.concurrency, queueLimit: settings.queueLimit });
  const metrics = createDemoMetrics({ active: () => capacity.active, queued: () => capacity.queued });
  collectDefaultMetrics({ register: metrics.registry });
  const app = Fastify({ logger: false });

  app.get('/', async (_req, reply) => {
    const start = performance.now();
    const slot = await capacity.acquire();
    let status = 200;
    try {
      if (!slot) {
        status = 503;
        return reply
          .code(503)
          .header('retry-after', '1')
          .send({ error: 'overloaded', instance: settings.instanceId });
      }
      burn(settings.cpuMs);
      await sleep(settings.serviceTimeMs);
      return { ok: true, instance: settings.instanceId };
    } finally {
      slot?.release();
      const labels = { method: 'GET', route: '/', status_code: String(status) };
      metrics.duration.observe(labels, (performance.now() - start) / 1000);
      metrics.requests.inc(labels);
    }
  });

  app.get('/healthz', async () => ({ ok: true, instance: settings.instanceId }));

  app.get('/metrics', async (_req, reply) => {
    const body = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).send(body);
  });

  return app;
}
