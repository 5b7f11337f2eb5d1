import { describe, expect, it } from 'vitest';
import { Notifier } from '../src/notifier.js';
import { manualClock, pinnedAtMax, secret } from './support/fixtures.js';
import { receiverTest } from './support/receiver-test.js';

describe('Slack and PagerDuty receivers against real HTTP servers', () => {
  const rx = receiverTest();

  it('posts a Slack incoming-webhook message, then a resolved one', async () => {
    const clock = manualClock();
    rx.notifier = new Notifier({
      receivers: [
        { type: 'slack', name: 'ops', url: secret('SLACK_URL', `${rx.server.url}/services/T0/B0/x`) },
      ],
      repeatInterval: 300_000,
      now: clock.now,
    });
    await rx.notifier.fire(pinnedAtMax, ['ops']);
    clock.advance(60_000);
    await rx.notifier.resolve('GovernorAppPinnedAtMax', 'web');
    expect(rx.server.received.map((r) => r.path)).toEqual(['/services/T0/B0/x', '/services/T0/B0/x']);
    const [fired, resolved] = rx.server.received.map((r) => r.json);
    expect(fired?.text).toBe(
      '[CRITICAL] GovernorAppPinnedAtMax web: web: pinned at its maximum machine count',
    );
    expect(fired?.attachments).toMatchObject([
      { color: '#d63232', title_link: pinnedAtMax.runbookUrl, text: pinnedAtMax.description },
    ]);
    expect(String(resolved?.text)).toMatch(/^\[RESOLVED\] GovernorAppPinnedAtMax web/);
  });

  it('triggers and resolves a PagerDuty Events v2 incident with one dedup key', async () => {
    rx.server.script({ status: 202 }, { status: 202 });
    rx.notifier = new Notifier({
      receivers: [
        {
          type: 'pagerduty',
          name: 'pd',
          routingKey: secret('PD_KEY', 'R0UTING'),
          url: `${rx.server.url}/v2/enqueue`,
        },
      ],
      repeatInterval: 300_000,
    });
    await rx.notifier.fire(pinnedAtMax, ['pd']);
    await rx.notifier.resolve('GovernorAppPinnedAtMax', 'web');
    const [trigger, resolve] = rx.server.received.map((r) => r.json);
    expect(trigger).toMatchObject({
      routing_key: 'R0UTING',
      event_action: 'trigger',
      dedup_key: 'governor/GovernorAppPinnedAtMax/web',
      payload: {
        summary: 'GovernorAppPinnedAtMax web: web: pinned at its maximum machine count',
        source: 'web',
        severity: 'critical',
        class: 'GovernorAppPinnedAtMax',
        custom_details: { description: pinnedAtMax.description, labels: { team: 'storefront' } },
      },
      links: [{ href: pinnedAtMax.runbookUrl, text: 'Runbook' }],
    });
    expect(resolve).toEqual({
      routing_key: 'R0UTING',
      event_action: 'resolve',
      dedup_key: 'governor/GovernorAppPinnedAtMax/web',
    });
    expect(rx.notifier.counts()).toEqual({ pd: { ok: 2 } });
  });

  it('does not retry a PagerDuty 400 (invalid event): one attempt, counted as an error', async () => {
    rx.server.script({ status: 400, body: '{"status":"invalid event","message":"Event object is invalid"}' });
    rx.notifier = new Notifier({
      receivers: [
        { type: 'pagerduty', name: 'pd', routingKey: secret('PD_KEY', 'R0UTING'), url: rx.server.url },
      ],
      repeatInterval: 300_000,
      sleep: async () => {},
    });
    await rx.notifier.fire(pinnedAtMax, ['pd']);
    expect(rx.server.received).toHaveLength(1);
    expect(rx.notifier.counts()).toEqual({ pd: { error: 1 } });
  });
});
