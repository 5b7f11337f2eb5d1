import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { RpsCounter } from './rps-counter.js';

/** An upstream chosen for one attempt; release it when the attempt ends. */
export interface EdgeUpstream {
  /** `host:port`. */
  readonly address: string;
  /** Called once when the attempt ends, with its duration in ms when it got an answer. */
  release(latencyMs?: number): void;
}

/** Chooses the upstream of each attempt (e.g. a discovery client, least loaded). */
export interface EdgeBalancer {
  /** An upstream whose address is not in `tried`, or undefined to fall back to `upstreams()`. */
  acquire(tried: ReadonlySet<string>): EdgeUpstream | undefined;
}

/** Options of {@link EdgeProxy}. */
export interface EdgeProxyOptions {
  /** Listen host. Default `127.0.0.1`. */
  readonly host?: string;
  /** Listen port; 0 picks a free one. Default 0. */
  readonly port?: number;
  /** Current upstreams (`host:port` of started, healthy instances); read per request. */
  readonly upstreams: () => readonly string[];
  /**
   * Chooses upstreams instead of round robin over `upstreams()`, which stays
   * the fallback when it has none (e.g. before its first list). Default none.
   */
  readonly balancer?: EdgeBalancer;
  /** Other upstreams tried after a connection failure. Default 2. */
  readonly retries?: number;
  /** Timeout of one upstream attempt until its response headers (ms). Default 30000. */
  readonly upstreamTimeout?: number;
  /** Largest request body buffered for retries (bytes); larger ones get 413. Default 10 MiB. */
  readonly maxBodyBytes?: number;
  /** With no upstream, hold the request up to this long for one to appear (ms). Default 0: answer 503. */
  readonly waitForUpstreamMs?: number;
  /** Called when a request arrives and there is no upstream (a scale-from-zero hook). */
  readonly onColdRequest?: () => void;
  /** Clock (ms): the request-rate counter, the wait for an upstream, attempt durations. Default `Date.now`. */
  readonly now?: () => number;
}

function split(addr: string): { host: string; port: number } {
  const i = addr.lastIndexOf(':');
  return { host: addr.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(addr.slice(i + 1)) };
}

const HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/**
 * A local edge proxy, like Fly Proxy: one port, round-robin over the current
 * upstreams (or the choice of a {@link EdgeBalancer}), trying another
 * upstream when one refuses or drops the connection before answering. It counts every request that reaches it,
 * answered or not, so `requestsPerSecond()` can wake an app from zero.
 */
export class EdgeProxy {
  private readonly counter: RpsCounter;
  private readonly now: () => number;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private server: Server | undefined;
  private rr = 0;
  private retried = 0;

  constructor(private readonly o: EdgeProxyOptions) {
    this.now = o.now ?? Date.now;
    this.counter = new RpsCounter(this.now);
  }

  /** Starts listening; resolves with the `host:port` it listens on. */
  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        // A request never takes the proxy down: answer 502 if nothing was sent yet.
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('proxy error\n');
        else res.destroy();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.o.port ?? 0, this.o.host ?? '127.0.0.1', () => resolve());
    });
    return this.address();
  }

  /** `host:port` it listens on. */
  address(): string {
    const a = this.server?.address() as AddressInfo | null | undefined;
    if (!a) throw new Error('edge proxy is not listening');
    return `${a.address}:${a.port}`;
  }

  /** Requests per second seen at the edge over the last `windowMs`. Default 10000. */
  requestsPerSecond(windowMs = 10_000): number {
    return this.counter.rate(windowMs);
  }

  /** Requests seen since start. */
  totalRequests(): number {
    return this.counter.count();
  }

  /** Time of the last request (ms), or -Infinity. */
  lastRequestAt(): number {
    return this.counter.lastAt();
  }

  /** Attempts that went to another upstream after a connection failure. */
  retriedAttempts(): number {
    return this.retried;
  }

  /** Stops listening and drops idle upstream connections. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.agent.destroy();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counter.add();
    const body = await this.readBody(req);
    if (body === undefined) {
      res.writeHead(413, { 'content-type': 'text/plain' }).end('request body too large\n');
      return;
    }
    const tried = new Set<string>();
    let up = this.next(tried);
    if (!up) {
      this.o.onColdRequest?.();
      const deadline = this.now() + (this.o.waitForUpstreamMs ?? 0);
      while (!up && this.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        up = this.next(tried);
      }
    }
    if (!up) {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('no healthy instance\n');
      return;
    }
    const attempts = 1 + (this.o.retries ?? 2);
    for (let i = 0; up && i < attempts; i++) {
      tried.add(up.address);
      if (i > 0) this.retried++;
      if (await this.forward(up, req, body, res)) return;
      up = this.next(tried);
    }
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('upstreams unreachable\n');
  }

  /** The upstream of the next attempt: the balancer's, else round robin over the untried upstreams. */
  private next(tried: ReadonlySet<string>): EdgeUpstream | undefined {
    const chosen = this.o.balancer?.acquire(tried);
    if (chosen) return chosen;
    const ups = this.o.upstreams().filter((u) => !tried.has(u));
    if (ups.length === 0) return undefined;
    return { address: ups[this.rr++ % ups.length] as string, release: () => {} };
  }

  private readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    const max = this.o.maxBodyBytes ?? 10 * 1024 * 1024;
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= max) chunks.push(c);
      });
      req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)));
      req.on('error', () => resolve(undefined));
    });
  }

  /** One attempt; false when the upstream failed before answering (try another). */
  private forward(
    upstream: EdgeUpstream,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<boolean> {
    const up = upstream.address;
    const { host, port } = split(up);
    const startedAt = this.now();
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP.has(k)) headers[k] = v;
    headers['content-length'] = String(body.length);
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    return new Promise((resolve) => {
      const out = request(
        {
          host,
          port,
          method: req.method,
          path: req.url,
          headers,
          agent: this.agent,
          timeout: this.o.upstreamTimeout ?? 30_000,
        },
        (upRes) => {
          const h: Record<string, string | string[]> = {};
          for (const [k, v] of Object.entries(upRes.headers)) if (v !== undefined && !HOP.has(k)) h[k] = v;
          h['x-governor-upstream'] = up;
          res.once('close', () => upstream.release(this.now() - startedAt));
          res.writeHead(upRes.statusCode ?? 502, h);
          upRes.pipe(res);
          upRes.on('error', () => res.destroy());
          resolve(true);
        },
      );
      out.on('timeout', () => out.destroy(new Error('upstream timeout')));
      out.on('error', () => {
        if (res.headersSent) return;
        upstream.release();
        resolve(false);
      });
      out.end(body);
    });
  }
}
