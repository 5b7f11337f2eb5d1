import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isGovernorError } from '@governor/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchMetrics, SCRAPE_ACCEPT } from '../src/scrape/fetch-metrics.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

describe('fetchMetrics', () => {
  it('asks for OpenMetrics first with Prometheus text as the fallback, and returns the Content-Type', async () => {
    let accept: string | undefined;
    const url = await serve((req, res) => {
      accept = req.headers.accept;
      res.writeHead(200, { 'content-type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' });
      res.end('# EOF\n');
    });
    const got = await fetchMetrics(url, { timeoutMs: 1000, maxBodyBytes: 1000 });
    expect(accept).toBe(SCRAPE_ACCEPT);
    expect(accept).toBe('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5');
    expect(got).toEqual({
      body: '# EOF\n',
      bytes: 6,
      contentType: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
    });
  });

  it('stops reading a chunked body at the size cap', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(1024);
      let n = 0;
      const write = (): void => {
        while (n < 1000 && res.write(chunk)) n++;
        if (n < 1000) res.once('drain', write);
        else res.end();
      };
      write();
    });
    const err = await fetchMetrics(url, { timeoutMs: 5000, maxBodyBytes: 10_000 }).catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_COLLECTOR_SCRAPE_OVERSIZE')).toBe(true);
  });

  it('refuses a declared Content-Length above the cap without reading it', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '999999' });
      res.write('partial');
    });
    const err = await fetchMetrics(url, { timeoutMs: 5000, maxBodyBytes: 1000 }).catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_COLLECTOR_SCRAPE_OVERSIZE')).toBe(true);
  });

  it('times out a target that sends headers but never finishes the body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200);
      res.write('# partial');
    });
    const err = await fetchMetrics(url, { timeoutMs: 200, maxBodyBytes: 1000 }).catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_COLLECTOR_SCRAPE_TIMEOUT')).toBe(true);
  });

  it('reports a non-2xx answer with its status', async () => {
    const url = await serve((_req, res) => res.writeHead(404).end('nope'));
    const err = await fetchMetrics(url, { timeoutMs: 1000, maxBodyBytes: 1000 }).catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_COLLECTOR_SCRAPE_STATUS')).toBe(true);
    expect((err as Error).message).toContain('HTTP 404');
  });
});
