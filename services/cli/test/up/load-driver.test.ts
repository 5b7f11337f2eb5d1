import { createServer } from 'node:http';
import { ManualClock } from '@governor/runtime/testing';
import { describe, expect, it } from 'vitest';
import { demoProfile, phaseAt } from '../../src/up/demo-profile.js';
import { LoadDriver } from '../../src/up/load-driver.js';

describe('demo profile', () => {
  it('goes quiet -> step up -> step down and repeats', () => {
    const p = demoProfile({ low: 5, high: 50, quiet: 10, stepUp: 20, stepDown: 30 });
    expect([0, 9, 10, 29, 30, 59, 60, 75].map((t) => `${phaseAt(p, t)?.name}:${phaseAt(p, t)?.rps}`)).toEqual(
      [
        'quiet:5',
        'quiet:5',
        'step up:50',
        'step up:50',
        'step down:5',
        'step down:5',
        'quiet:5',
        'step up:50',
      ],
    );
  });
});

describe('LoadDriver', () => {
  it('sends at the wanted rate whatever the latency, counting statuses, and stops cleanly', async () => {
    let served = 0;
    const server = createServer((_req, res) => {
      served++;
      res.statusCode = served % 2 === 0 ? 503 : 200;
      setTimeout(() => res.end('ok'), 100);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    let rate = 200;
    const load = new LoadDriver({ url: `http://127.0.0.1:${port}/`, rate: () => rate });
    load.start();
    await expect.poll(() => load.stats.sent, { timeout: 5000 }).toBeGreaterThanOrEqual(40);
    rate = 0;
    const sent = load.stats.sent;
    await load.stop();
    expect(load.stats.sent).toBe(sent);
    expect((load.stats.byStatus[200] ?? 0) + (load.stats.byStatus[503] ?? 0)).toBe(sent);
    expect(load.stats.byStatus[503]).toBeGreaterThan(0);
    await new Promise((r) => server.close(r));
  });

  it('counts requests beyond maxInFlight as dropped instead of piling them up', async () => {
    const server = createServer(() => {
      // never answers
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const load = new LoadDriver({
      url: `http://127.0.0.1:${port}/`,
      rate: () => 500,
      maxInFlight: 5,
      timeoutMs: 200,
    });
    load.start();
    await expect.poll(() => load.stats.dropped, { timeout: 5000 }).toBeGreaterThan(0);
    await load.stop();
    expect(load.stats.failed).toBeGreaterThanOrEqual(5);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('paces by elapsed time, and a step that throws is reported and made up by the next', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const clock = new ManualClock();
    const errors: string[] = [];
    let steps = 0;
    const load = new LoadDriver({
      url: `http://127.0.0.1:${port}/`,
      rate: () => {
        steps++;
        if (steps === 10) throw new Error('rate unreadable');
        return 50;
      },
      clock,
      timers: clock,
      onError: (_err, message) => errors.push(message),
    });
    load.start();
    for (let ms = 0; ms < 1000; ms += 20) await clock.advance(20);
    // 50 steps of 20 ms at 50 rps: one request each, the failed step's one sent by the next.
    expect(errors).toEqual(['load driver step run failed: rate unreadable']);
    expect(steps).toBe(50);
    expect(load.stats.sent).toBe(50);
    await load.stop();
    expect(load.stats.byStatus[200]).toBe(50);
    await new Promise((r) => server.close(r));
  });
});
