import type { Logger } from '@governor/telemetry';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

/** Options for {@link startCollectorServer}. */
export interface CollectorServerOptions {
  /** Registry served at /metrics (the collectors' and the process's series). */
  registry: Registry;
  /** Readiness for /readyz: true when the instance's targets answer. */
  ready: () => boolean;
  /** Listen host. Default `127.0.0.1`; a sidecar scraped over a private network uses `0.0.0.0` or `::`. */
  host?: string;
  /** Listen port; 0 picks a free one. Default 9471. */
  port?: number;
  logger: Logger;
}

/** A running collector HTTP server. */
export interface CollectorServer {
  /** `http://host:port`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

/**
 * Serves `/metrics` (Prometheus text from prom-client), `/healthz` (the
 * process is up) and `/readyz` (503 until a scrape target answers).
 */
export async function startCollectorServer(options: CollectorServerOptions): Promise<CollectorServer> {
  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true });
  const { registry, ready, logger } = options;
  app.get('/metrics', async (_req, reply) => {
    const body = await registry.metrics();
    return reply.header('content-type', registry.contentType).send(body);
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ok = ready();
    return reply.code(ok ? 200 : 503).send({ ready: ok });
  });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 9471 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 9471);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  logger.info({ url }, 'collector HTTP server listening');
  return {
    url,
    port,
    close: () => app.close(),
  };
}
