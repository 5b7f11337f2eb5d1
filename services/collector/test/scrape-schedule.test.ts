import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { TargetScraper } from '../src/scrape/target-scraper.js';

describe('TargetScraper schedule', () => {
  it('waits the interval plus jitter while up, and backs off while the target is down', async () => {
    let random = 0.5;
    const s = new TargetScraper({
      url: 'http://127.0.0.1:1/metrics',
      names: { custom: [] },
      timeoutMs: 500,
      maxBodyBytes: 1000,
      maxSeries: 10,
      intervalMs: 1000,
      jitter: 0.2,
      clock: () => 0,
      random: () => random,
    });
    expect(s.nextDelayMs()).toBe(1100);
    random = 0;
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const outcome = await s.scrape();
      expect(outcome).toMatchObject({ ok: false, reason: 'down' });
      delays.push(s.nextDelayMs());
    }
    // 8 x the interval at most.
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
    s.close();
  });

  it('starts over at the interval after a successful scrape', async () => {
    let up = false;
    const server = createServer((_req, res) => {
      if (!up) {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end('up 1\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const s = new TargetScraper({
      url: `http://127.0.0.1:${port}/metrics`,
      names: { custom: [] },
      timeoutMs: 2000,
      maxBodyBytes: 1000,
      maxSeries: 10,
      intervalMs: 1000,
      jitter: 0,
      clock: () => 0,
    });
    try {
      for (let i = 0; i < 3; i++) expect((await s.scrape()).ok).toBe(false);
      expect([s.consecutiveFailures, s.nextDelayMs()]).toEqual([3, 4000]);
      up = true;
      expect((await s.scrape()).ok).toBe(true);
      expect([s.consecutiveFailures, s.nextDelayMs()]).toEqual([0, 1000]);
      up = false;
      expect((await s.scrape()).ok).toBe(false);
      expect([s.consecutiveFailures, s.nextDelayMs()]).toEqual([1, 1000]);
    } finally {
      s.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
