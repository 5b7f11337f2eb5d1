import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelemetry } from '../src/index.js';

interface Received {
  path: string;
  body: string;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => resolve(body));
  });
}

/** A fake OTLP/HTTP receiver on 127.0.0.1 that records every request. */
async function otlpReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    received.push({ path: req.url ?? '', body: await readBody(req) });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, received };
}

describe('startTelemetry', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((r) => server?.close(r) ?? r(undefined));
    server = undefined;
  });

  it('exports nothing and starts no SDK without an endpoint', async () => {
    const t = startTelemetry({ serviceName: 'governor-test' });
    expect(t.enabled).toBe(false);
    const span = t.tracer.startSpan('scrape');
    expect(span.isRecording()).toBe(false);
    span.end();
    await t.shutdown();
  });

  it('exports spans with the service name to <endpoint>/v1/traces over OTLP/HTTP', async () => {
    const rx = await otlpReceiver();
    server = rx.server;
    const t = startTelemetry({ serviceName: 'governor-test', endpoint: `${rx.url}/`, exportDelayMs: 50 });
    expect(t.enabled).toBe(true);
    const span = t.tracer.startSpan('collector.scrape', {
      attributes: { 'governor.target': 'http://x/metrics' },
    });
    expect(span.isRecording()).toBe(true);
    span.end();
    await t.shutdown();
    await t.shutdown();
    const traces = rx.received.filter((r) => r.path === '/v1/traces');
    expect(traces.length).toBeGreaterThan(0);
    const all = traces.map((r) => r.body).join('\n');
    expect(all).toContain('collector.scrape');
    expect(all).toContain('governor-test');
    expect(all).toContain('governor.target');
  });

  it('shuts down without rejecting when the endpoint is unreachable', async () => {
    const rx = await otlpReceiver();
    const url = rx.url;
    await new Promise((r) => rx.server.close(r));
    const t = startTelemetry({ serviceName: 'governor-test', endpoint: url, exportDelayMs: 50 });
    t.tracer.startSpan('lost').end();
    await expect(t.shutdown()).resolves.toBeUndefined();
  });
});
