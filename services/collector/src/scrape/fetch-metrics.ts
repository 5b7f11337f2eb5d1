import { type Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { GovernorError } from '@governor/errors';

/** What Governor asks a target for: OpenMetrics first, Prometheus text as the fallback. */
export const SCRAPE_ACCEPT = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';

/** Options for {@link fetchMetrics}. */
export interface FetchMetricsOptions {
  /** Abort when no complete answer arrived within this many ms. */
  timeoutMs: number;
  /** Abort when the body grows past this many bytes. */
  maxBodyBytes: number;
  /** Extra request headers (never logged). Default: none. */
  headers?: Record<string, string>;
  /**
   * Connection pool (a keep-alive agent saves a TCP handshake per scrape).
   * A request on a reused socket that the target closed meanwhile is retried
   * once on a fresh connection. Default: a new connection per scrape.
   */
  agent?: Agent;
}

/** A scraped body. */
export interface FetchedMetrics {
  body: string;
  /** The target's Content-Type, when it sent one. */
  contentType?: string;
  bytes: number;
}

/**
 * GETs a metrics endpoint with content negotiation, a hard timeout over the
 * whole exchange and a body size cap. Rejects with a `GovernorError` whose
 * code tells the reason: `GOV_COLLECTOR_SCRAPE_DOWN` (refused, reset,
 * unreachable), `..._TIMEOUT`, `..._STATUS` (non-2xx) or `..._OVERSIZE`.
 */
export async function fetchMetrics(url: string, options: FetchMetricsOptions): Promise<FetchedMetrics> {
  try {
    return await fetchOnce(url, options);
  } catch (err) {
    if (!(err instanceof StaleSocketError)) throw err;
    return fetchOnce(url, { ...options, agent: undefined });
  }
}

/** A kept-alive socket was closed by the target before our request got an answer. */
class StaleSocketError extends Error {}

function fetchOnce(url: string, options: FetchMetricsOptions): Promise<FetchedMetrics> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (cause) {
      reject(new GovernorError('GOV_COLLECTOR_INVALID_OPTIONS', `invalid scrape URL ${url}`, { cause }));
      return;
    }
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (err: GovernorError | undefined, value?: FetchedMetrics): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        reject(err);
      } else if (value) {
        resolve(value);
      }
    };
    const req = request(
      target,
      {
        method: 'GET',
        headers: { accept: SCRAPE_ACCEPT, 'accept-encoding': 'identity', ...options.headers },
        agent: options.agent ?? false,
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) {
          res.resume();
          finish(
            new GovernorError('GOV_COLLECTOR_SCRAPE_STATUS', `${url} answered HTTP ${status}`, {
              details: { status },
            }),
          );
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
          finish(oversize(url, declared, options.maxBodyBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > options.maxBodyBytes) finish(oversize(url, bytes, options.maxBodyBytes));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const contentType = res.headers['content-type'];
          const body = Buffer.concat(chunks, bytes).toString('utf8');
          finish(undefined, contentType === undefined ? { body, bytes } : { body, bytes, contentType });
        });
        res.on('error', (cause) => finish(down(url, cause)));
        res.on('aborted', () => finish(down(url, new Error('response aborted'))));
      },
    );
    const timer = setTimeout(() => {
      finish(
        new GovernorError(
          'GOV_COLLECTOR_SCRAPE_TIMEOUT',
          `${url} did not answer within ${options.timeoutMs} ms`,
          {
            details: { timeoutMs: options.timeoutMs },
          },
        ),
      );
    }, options.timeoutMs);
    timer.unref();
    req.on('error', (cause: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && (cause.code === 'ECONNRESET' || cause.code === 'EPIPE');
      if (stale && !settled) {
        settled = true;
        clearTimeout(timer);
        reject(new StaleSocketError(cause.message));
        return;
      }
      finish(down(url, cause));
    });
    req.end();
  });
}

function oversize(url: string, bytes: number, max: number): GovernorError {
  return new GovernorError(
    'GOV_COLLECTOR_SCRAPE_OVERSIZE',
    `${url} body exceeds ${max} bytes (got ${bytes}+)`,
    {
      details: { maxBodyBytes: max, bytes },
    },
  );
}

function down(url: string, cause: unknown): GovernorError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new GovernorError('GOV_COLLECTOR_SCRAPE_DOWN', `${url} unreachable: ${reason}`, { cause });
}
