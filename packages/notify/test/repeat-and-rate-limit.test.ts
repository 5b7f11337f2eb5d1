import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Notifier } from '../src/notifier.js';
import type { NotifyAlert } from '../src/types.js';
import { manualClock, pinnedAtMax, webhook } from './support/fixtures.js';
import { type ReceiverServer, startReceiver } from './support/receiver-server.js';

const appAlert = (app: string): NotifyAlert => ({ ...pinnedAtMax, app });

describe('repeatInterval and per-receiver rate limits', () => {
  let a: ReceiverServer;
  let b: ReceiverServer;
  let notifier: Notifier | undefined;
  beforeEach(async () => {
    [a, b] = await Promise.all([startReceiver(), startReceiver()]);
  });
  afterEach(async () => {
    await notifier?.close();
    await Promise.all([a.close(), b.close()]);
  });

  it('sends a still-firing alert again only after repeatInterval', async () => {
    const clock = manualClock();
    notifier = new Notifier({ receivers: [webhook('a', a.url)], repeatInterval: 300_000, now: clock.now });
    await notifier.fire(pinnedAtMax, ['a']);
    clock.advance(299_999);
    await notifier.fire(pinnedAtMax, ['a']);
    expect(a.received).toHaveLength(1);
    clock.advance(1);
    await notifier.fire(pinnedAtMax, ['a']);
    expect(a.received).toHaveLength(2);
    expect(notifier.counts()).toEqual({ a: { ok: 2, suppressed: 1 } });
  });

  it('two fire() calls at once send once (the second is suppressed while the first is in flight)', async () => {
    notifier = new Notifier({ receivers: [webhook('a', a.url)], repeatInterval: 300_000 });
    await Promise.all([notifier.fire(pinnedAtMax, ['a']), notifier.fire(pinnedAtMax, ['a'])]);
    expect(a.received).toHaveLength(1);
  });

  it('the same alert for two apps is two alerts', async () => {
    notifier = new Notifier({ receivers: [webhook('a', a.url)], repeatInterval: 300_000 });
    await notifier.fire(appAlert('web'), ['a']);
    await notifier.fire(appAlert('api'), ['a']);
    expect(a.received).toHaveLength(2);
    expect(notifier.activeAlerts()).toEqual(['GovernorAppPinnedAtMax/web', 'GovernorAppPinnedAtMax/api']);
  });

  it('rate-limits each receiver separately, refills over time, and never limits resolves', async () => {
    const clock = manualClock();
    notifier = new Notifier({
      receivers: [webhook('a', a.url), webhook('b', b.url)],
      repeatInterval: 300_000,
      now: clock.now,
      rateLimit: { burst: 2, refillEvery: 10_000 },
    });
    for (const app of ['w1', 'w2', 'w3']) await notifier.fire(appAlert(app), ['a']);
    await notifier.fire(appAlert('w1'), ['b']);
    expect(a.received).toHaveLength(2);
    expect(b.received).toHaveLength(1);
    expect(notifier.counts().a).toEqual({ ok: 2, rate_limited: 1 });
    // The bucket of `a` is empty; resolves still go out.
    await notifier.resolve('GovernorAppPinnedAtMax', 'w1');
    expect(a.received.map((r) => r.json.status)).toEqual(['firing', 'firing', 'resolved']);
    clock.advance(10_000);
    await notifier.fire(appAlert('w3'), ['a']);
    expect(a.received).toHaveLength(4);
  });
});
