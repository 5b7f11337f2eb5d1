import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '@governor/telemetry';
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

const JSON_TYPE = 'application/json; charset=utf-8';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Serves `/metrics` (Prometheus text from prom-client), `/healthz` (the
 * process is up) and `/readyz` (503 until a scrape target answers), on
 * node's own HTTP server: three fixed routes need no framework, and a
 * sidecar on every machine saves the memory one would hold.
 */
export async function startCollectorServer(options: CollectorServerOptions): Promise<CollectorServer> {
  const { registry, ready, logger } = options;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 404, {
        message: `Route ${req.method}:${path} not found`,
        error: 'Not Found',
        statusCode: 404,
      });
      return;
    }
    if (path === '/metrics') {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } else if (path === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
    } else if (path === '/readyz') {
      const ok = ready();
      sendJson(res, ok ? 200 : 503, { ready: ok });
    } else {
      sendJson(res, 404, {
        message: `Route ${req.method}:${path} not found`,
        error: 'Not Found',
        statusCode: 404,
      });
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.error(
        { err: err instanceof Error ? err.message : String(err), url: req.url },
        'HTTP request failed',
      );
      if (!res.headersSent) {
        const message = err instanceof Error ? err.message : String(err);
        sendJson(res, 500, { statusCode: 500, error: 'Internal Server Error', message });
      } else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9471, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 9471);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  logger.info({ url }, 'collector HTTP server listening');
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Kept-alive scrapers must not hold shutdown open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
