import { describe, expect, it } from 'vitest';
import { Backoff } from '../src/scrape/backoff.js';
import { TargetScraper } from '../src/scrape/target-scraper.js';

describe('Backoff', () => {
  it('doubles the delay per consecutive failure up to the cap, and resets on success', () => {
    const b = new Backoff({ initialMs: 1000, maxMs: 5000 });
    expect([b.fail(), b.fail(), b.fail(), b.fail(), b.fail()]).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(b.consecutiveFailures).toBe(5);
    b.succeed();
    expect(b.consecutiveFailures).toBe(0);
    expect(b.fail()).toBe(1000);
  });
});

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
});
