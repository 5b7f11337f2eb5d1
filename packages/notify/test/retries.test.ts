import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Notifier } from '../src/notifier.js';
import { parseRetryAfter } from '../src/retry-after.js';
import { configInvalid, pinnedAtMax, recordingSleep, webhook } from './support/fixtures.js';
import { type ReceiverServer, startReceiver } from './support/receiver-server.js';

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
  let server: ReceiverServer;
  let notifier: Notifier | undefined;
  beforeEach(async () => {
    server = await startReceiver();
  });
  afterEach(async () => {
    await notifier?.close();
    await server.close();
  });

  it('retries 500 and 503 with jittered backoff, then delivers', async () => {
    server.script({ status: 500 }, { status: 503 });
    const { sleep, delays } = recordingSleep();
    notifier = new Notifier({
      receivers: [webhook('oncall', server.url)],
      repeatInterval: 300_000,
      retry: { baseDelay: 100 },
      random: () => 0.5,
      sleep,
    });
    await notifier.fire(pinnedAtMax, ['oncall']);
    expect(server.received).toHaveLength(3);
    expect(delays).toEqual([50, 100]);
    expect(notifier.counts()).toEqual({ oncall: { ok: 1 } });
  });

  it('waits as long as a 429 Retry-After asks (bounded)', async () => {
    server.script({ status: 429, headers: { 'retry-after': '2' } });
    const { sleep, delays } = recordingSleep();
    notifier = new Notifier({
      receivers: [webhook('oncall', server.url)],
      repeatInterval: 1,
      random: () => 0,
      sleep,
    });
    await notifier.fire(pinnedAtMax, ['oncall']);
    expect(delays).toEqual([2000]);
    expect(server.received).toHaveLength(2);
  });

  it('gives up after maxAttempts, counts an error, never rejects, and tries again on the next fire', async () => {
    server.script(...Array.from({ length: 3 }, () => ({ status: 502 })));
    const { sleep } = recordingSleep();
    notifier = new Notifier({
      receivers: [webhook('oncall', server.url)],
      repeatInterval: 300_000,
      retry: { maxAttempts: 3 },
      sleep,
    });
    await expect(notifier.fire(pinnedAtMax, ['oncall'])).resolves.toBeUndefined();
    expect(server.received).toHaveLength(3);
    expect(notifier.counts()).toEqual({ oncall: { error: 1 } });
    // Not delivered, so repeatInterval does not hold it back; and no resolve for an undelivered alert.
    await notifier.fire(pinnedAtMax, ['oncall']);
    expect(server.received).toHaveLength(4);
    expect(notifier.counts()).toEqual({ oncall: { error: 1, ok: 1 } });
  });

  it('survives a receiver that refuses connections', async () => {
    const port = await closedPort();
    const { sleep, delays } = recordingSleep();
    notifier = new Notifier({
      receivers: [webhook('down', `http://127.0.0.1:${port}/hook`)],
      repeatInterval: 300_000,
      retry: { maxAttempts: 2 },
      sleep,
    });
    await notifier.fire(configInvalid, ['down']);
    expect(delays).toHaveLength(1);
    expect(notifier.counts()).toEqual({ down: { error: 1 } });
  });

  it('close() aborts a delivery waiting to retry', async () => {
    server.script({ status: 500 });
    notifier = new Notifier({
      receivers: [webhook('oncall', server.url)],
      repeatInterval: 300_000,
      retry: { baseDelay: 600_000, maxDelay: 600_000 },
      random: () => 0.99,
      closeTimeout: 50,
    });
    const fired = notifier.fire(pinnedAtMax, ['oncall']);
    await waitFor(() => server.received.length === 1);
    await notifier.close();
    await fired;
    expect(server.received).toHaveLength(1);
    expect(notifier.counts()).toEqual({ oncall: { error: 1 } });
    await notifier.fire(pinnedAtMax, ['oncall']);
    expect(server.received).toHaveLength(1);
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
