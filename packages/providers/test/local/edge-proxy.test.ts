import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EdgeProxy } from '../../src/local/edge-proxy.js';
import { LocalProvider } from '../../src/local/local-provider.js';
import { RpsCounter } from '../../src/local/rps-counter.js';
import { localAppOptions } from '../support/local-app.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function upstream(name: string): Promise<{ addr: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => res.end(`${name}:${req.method}:${body}`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(() => new Promise((r) => server.close(r)));
  return { addr: `127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function proxy(upstreams: () => readonly string[], extra = {}) {
  const p = new EdgeProxy({ upstreams, ...extra });
  const addr = await p.listen();
  closers.push(() => p.close());
  return { p, url: `http://${addr}` };
}

describe('EdgeProxy', () => {
  it('round-robins over the current upstreams on one port', async () => {
    const a = await upstream('a');
    const b = await upstream('b');
    const { url } = await proxy(() => [a.addr, b.addr]);
    const got: string[] = [];
    for (let i = 0; i < 4; i++) got.push(await (await fetch(`${url}/x`)).text());
    expect(got).toEqual(['a:GET:', 'b:GET:', 'a:GET:', 'b:GET:']);
  });

  it('asks a balancer for each attempt, releases what it chose, and falls back to upstreams() without one', async () => {
    const a = await upstream('a');
    const b = await upstream('b');
    const dead = await upstream('dead');
    await new Promise((r) => dead.server.close(r));
    const log: string[] = [];
    let offer: string[] = [dead.addr, b.addr];
    const balancer = {
      acquire(tried: ReadonlySet<string>) {
        const address = offer.find((x) => !tried.has(x));
        if (!address) return undefined;
        log.push(`acquire ${address === b.addr ? 'b' : 'dead'}`);
        return {
          address,
          release: (ms?: number) =>
            log.push(`release ${address === b.addr ? 'b' : 'dead'} ${ms === undefined ? '-' : 'ms'}`),
        };
      },
    };
    const { url } = await proxy(() => [a.addr], { balancer });
    expect(await (await fetch(`${url}/z`)).text()).toBe('b:GET:');
    // The dead one is released at once with no latency; b when its response ends (bounded wait), with one.
    for (let n = 0; n < 100 && log.length < 4; n++) await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['acquire dead', 'release dead -', 'acquire b', 'release b ms']);
    offer = [];
    expect(await (await fetch(`${url}/z`)).text()).toBe('a:GET:');
  });

  it('forwards method and body, and retries the next upstream when one is dead', async () => {
    const dead = await upstream('dead');
    await new Promise((r) => dead.server.close(r));
    const live = await upstream('live');
    const { p, url } = await proxy(() => [dead.addr, live.addr]);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/y`, { method: 'POST', body: 'hello' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('live:POST:hello');
    }
    expect(p.retriedAttempts()).toBeGreaterThanOrEqual(1);
  });

  it('answers 503 with no upstream and calls the cold-request hook', async () => {
    let cold = 0;
    const { url } = await proxy(() => [], { onColdRequest: () => cold++ });
    const res = await fetch(url);
    expect(res.status).toBe(503);
    expect(cold).toBe(1);
  });

  it('holds a request for an upstream to appear when asked to (scale from zero)', async () => {
    const a = await upstream('a');
    let ups: string[] = [];
    const { url } = await proxy(() => ups, {
      waitForUpstreamMs: 5_000,
      onColdRequest: () => (ups = [a.addr]),
    });
    expect(await (await fetch(url)).text()).toBe('a:GET:');
  });

  it('counts requests per second at the edge, answered or not', async () => {
    let t = 100_000;
    const { p, url } = await proxy(() => [], { now: () => t });
    for (let i = 0; i < 20; i++) await fetch(url);
    expect(p.totalRequests()).toBe(20);
    expect(p.requestsPerSecond(10_000)).toBe(2);
    t += 11_000;
    expect(p.requestsPerSecond(10_000)).toBe(0);
  });

  it('routes to started, healthy local instances only, and survives an instance crash', async () => {
    const provider = new LocalProvider(await localAppOptions({ maxRestarts: 0 }));
    closers.push(() => provider.close());
    const { url } = await proxy(() => provider.healthyAddresses('web'));
    const a = await provider.create('web', { region: 'local' });
    const b = await provider.create('web', { region: 'local' });
    for (let i = 0; i < 200 && provider.healthyAddresses('web').length < 2; i++)
      await new Promise((r) => setTimeout(r, 25));
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) seen.add((await (await fetch(url)).text()).split(' ')[0] ?? '');
    expect(seen).toEqual(new Set([`instance=${a.id}`, `instance=${b.id}`]));
    process.kill(provider.pidOf('web', a.id) as number, 'SIGKILL');
    for (let i = 0; i < 6; i++) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`instance=${b.id}`);
    }
  });
});

describe('RpsCounter', () => {
  it('averages over whole seconds in the window and forgets older ones', () => {
    let t = 0;
    const c = new RpsCounter(() => t, 60);
    c.add(5);
    t = 1_000;
    c.add(5);
    expect(c.rate(2_000)).toBe(5);
    t = 61_000;
    c.add(1);
    expect(c.rate(2_000)).toBe(0.5);
    expect(c.count()).toBe(11);
  });
});

describe('EdgeProxy failures', () => {
  it('answers 502 and keeps serving when listing upstreams throws', async () => {
    let broken = true;
    const a = await upstream('a');
    const { url } = await proxy(() => {
      if (broken) throw new Error('registry unavailable');
      return [a.addr];
    });
    expect((await fetch(url)).status).toBe(502);
    broken = false;
    expect(await (await fetch(url)).text()).toBe('a:GET:');
  });
});
