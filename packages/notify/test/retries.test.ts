import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Notifier } from '../src/notifier.js';
import { parseRetryAfter } from '../src/retry-after.js';
import { configInvalid, pinnedAtMax, recordingSleep, webhook } from './support/fixtures.js';
import { receiverTest } from './support/receiver-test.js';

describe('Retry-After', () => {
  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('delivery retries against a real HTTP server', () => {
  const rx = receiverTest();

  it('retries 500 and 503 with jittered backoff, then delivers', async () => {
    rx.server.script({ status: 500 }, { status: 503 });
    const { sleep, delays } = recordingSleep();
    rx.notifier = new Notifier({
      receivers: [webhook('oncall', rx.server.url)],
      repeatInterval: 300_000,
      retry: { baseDelay: 100 },
      random: () => 0.5,
      sleep,
    });
    await rx.notifier.fire(pinnedAtMax, ['oncall']);
    expect(rx.server.received).toHaveLength(3);
    expect(delays).toEqual([50, 100]);
    expect(rx.notifier.counts()).toEqual({ oncall: { ok: 1 } });
  });

  it('waits as long as a 429 Retry-After asks (bounded)', async () => {
    rx.server.script({ status: 429, headers: { 'retry-after': '2' } });
    const { sleep, delays } = recordingSleep();
    rx.notifier = new Notifier({
      receivers: [webhook('oncall', rx.server.url)],
      repeatInterval: 1,
      random: () => 0,
      sleep,
    });
    await rx.notifier.fire(pinnedAtMax, ['oncall']);
    expect(delays).toEqual([2000]);
    expect(rx.server.received).toHaveLength(2);
  });

  it('gives up after maxAttempts, counts an error, never rejects, and tries again on the next fire', async () => {
    rx.server.script(...Array.from({ length: 3 }, () => ({ status: 502 })));
    const { sleep } = recordingSleep();
    rx.notifier = new Notifier({
      receivers: [webhook('oncall', rx.server.url)],
      repeatInterval: 300_000,
      retry: { maxAttempts: 3 },
      sleep,
    });
    await expect(rx.notifier.fire(pinnedAtMax, ['oncall'])).resolves.toBeUndefined();
    expect(rx.server.received).toHaveLength(3);
    expect(rx.notifier.counts()).toEqual({ oncall: { error: 1 } });
    // Not delivered, so repeatInterval does not hold it back; and no resolve for an undelivered alert.
    await rx.notifier.fire(pinnedAtMax, ['oncall']);
    expect(rx.server.received).toHaveLength(4);
    expect(rx.notifier.counts()).toEqual({ oncall: { error: 1, ok: 1 } });
  });

  it('survives a receiver that refuses connections', async () => {
    const port = await closedPort();
    const { sleep, delays } = recordingSleep();
    rx.notifier = new Notifier({
      receivers: [webhook('down', `http://127.0.0.1:${port}/hook`)],
      repeatInterval: 300_000,
      retry: { maxAttempts: 2 },
      sleep,
    });
    await rx.notifier.fire(configInvalid, ['down']);
    expect(delays).toHaveLength(1);
    expect(rx.notifier.counts()).toEqual({ down: { error: 1 } });
  });

  it('close() aborts a delivery waiting to retry', async () => {
    rx.server.script({ status: 500 });
    rx.notifier = new Notifier({
      receivers: [webhook('oncall', rx.server.url)],
      repeatInterval: 300_000,
      retry: { baseDelay: 600_000, maxDelay: 600_000 },
      random: () => 0.99,
      closeTimeout: 50,
    });
    const fired = rx.notifier.fire(pinnedAtMax, ['oncall']);
    await waitFor(() => rx.server.received.length === 1);
    await rx.notifier.close();
    await fired;
    expect(rx.server.received).toHaveLength(1);
    expect(rx.notifier.counts()).toEqual({ oncall: { error: 1 } });
    await rx.notifier.fire(pinnedAtMax, ['oncall']);
    expect(rx.server.received).toHaveLength(1);
  });
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error('condition not met');
}
