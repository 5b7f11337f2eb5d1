import type { FastifyInstance } from 'fastify';
import type { Autoscaler } from '../autoscaler.js';

/** `/healthz` (process up), `/readyz` (a first tick completed), `/metrics` (Prometheus). */
export function registerHealthRoutes(api: FastifyInstance, autoscaler: Autoscaler): void {
  api.get(
    '/healthz',
    { schema: { summary: 'Liveness: the process serves HTTP', tags: ['health'] } },
    async () => ({ ok: true }),
  );
  api.get(
    '/readyz',
    { schema: { summary: 'Readiness: the config is loaded and a first tick completed', tags: ['health'] } },
    async (_req, reply) => {
      const reload = autoscaler.reloadStatus;
      const reason = autoscaler.notReadyReason;
      const body = {
        ready: reason === undefined,
        ...(reason === undefined ? {} : { reason }),
        configHash: autoscaler.configHash,
        lastReload: reload ?? null,
      };
      return reply.code(reason === undefined ? 200 : 503).send(body);
    },
  );
  api.get(
    '/metrics',
    { schema: { summary: 'Prometheus metrics of the daemon', tags: ['health'] } },
    async (_req, reply) => {
      const registry = autoscaler.metrics.registry;
      const stats = autoscaler.queue.stats();
      autoscaler.metrics.queueDepth.set(stats.pending);
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    },
  );
}
