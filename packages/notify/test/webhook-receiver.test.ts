import { describe, expect, it } from 'vitest';
import { Notifier } from '../src/notifier.js';
import { configInvalid, manualClock, pinnedAtMax, secret, webhook } from './support/fixtures.js';
import { receiverTest } from './support/receiver-test.js';

describe('webhook receiver (Alertmanager v4 payload) against a real HTTP server', () => {
  const rx = receiverTest();

  it('posts a firing alert in the Alertmanager webhook v4 shape with a bearer token', async () => {
    const clock = manualClock();
    rx.notifier = new Notifier({
      receivers: [webhook('oncall', `${rx.server.url}/hook`, secret('HOOK_TOKEN', 's3cret'))],
      repeatInterval: 300_000,
      now: clock.now,
      externalUrl: 'http://autoscaler:9470',
    });
    await rx.notifier.fire(pinnedAtMax, ['oncall']);
    expect(rx.server.received).toHaveLength(1);
    const [req] = rx.server.received;
    expect(req?.path).toBe('/hook');
    expect(req?.headers.authorization).toBe('Bearer s3cret');
    expect(req?.json).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'oncall',
      groupKey: '{}:{alertname="GovernorAppPinnedAtMax", app="web"}',
      groupLabels: { alertname: 'GovernorAppPinnedAtMax', app: 'web' },
      externalURL: 'http://autoscaler:9470',
      truncatedAlerts: 0,
    });
    const alerts = req?.json.alerts as Record<string, unknown>[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      status: 'firing',
      labels: { alertname: 'GovernorAppPinnedAtMax', app: 'web', severity: 'critical', team: 'storefront' },
      annotations: {
        summary: pinnedAtMax.summary,
        description: pinnedAtMax.description,
        runbook_url: pinnedAtMax.runbookUrl,
      },
      startsAt: new Date(clock.now()).toISOString(),
      endsAt: '0001-01-01T00:00:00Z',
    });
    expect(alerts[0]?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(rx.notifier.counts()).toEqual({ oncall: { ok: 1 } });
  });

  it('sends a resolve message with endsAt and the same fingerprint', async () => {
    const clock = manualClock();
    rx.notifier = new Notifier({
      receivers: [webhook('oncall', rx.server.url)],
      repeatInterval: 300_000,
      now: clock.now,
    });
    const startsAt = clock.now();
    await rx.notifier.fire(configInvalid, ['oncall']);
    clock.advance(90_000);
    await rx.notifier.resolve('GovernorConfigReloadFailed');
    expect(rx.server.received.map((r) => r.json.status)).toEqual(['firing', 'resolved']);
    const [fired, resolved] = rx.server.received.map((r) => (r.json.alerts as Record<string, unknown>[])[0]);
    expect(resolved).toMatchObject({
      status: 'resolved',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 90_000).toISOString(),
    });
    expect(resolved?.fingerprint).toBe(fired?.fingerprint);
    expect(resolved?.labels).not.toHaveProperty('app');
    expect(rx.notifier.activeAlerts()).toEqual([]);
  });

  it('resolving an alert that never fired sends nothing', async () => {
    rx.notifier = new Notifier({ receivers: [webhook('oncall', rx.server.url)], repeatInterval: 300_000 });
    await rx.notifier.resolve('GovernorAppPinnedAtMax', 'web');
    expect(rx.server.received).toEqual([]);
  });

  it('does not send a token when the variable behind it is unset, and counts an error instead', async () => {
    rx.notifier = new Notifier({
      receivers: [webhook('oncall', rx.server.url, secret('HOOK_TOKEN', undefined))],
      repeatInterval: 300_000,
    });
    await rx.notifier.fire(pinnedAtMax, ['oncall']);
    expect(rx.server.received).toEqual([]);
    expect(rx.notifier.counts()).toEqual({ oncall: { error: 1 } });
  });

  it('counts an unknown receiver name without throwing', async () => {
    rx.notifier = new Notifier({ receivers: [webhook('oncall', rx.server.url)], repeatInterval: 300_000 });
    await expect(rx.notifier.fire(pinnedAtMax, ['nobody', 'oncall'])).resolves.toBeUndefined();
    expect(rx.notifier.counts()).toEqual({ nobody: { unknown_receiver: 1 }, oncall: { ok: 1 } });
  });

  it('reports every result to onResult, survives a throwing hook, and never logs a secret', async () => {
    rx.server.script({ status: 500 }, { status: 500 });
    const results: string[] = [];
    const lines: string[] = [];
    const log = (obj: Record<string, unknown>, msg: string) =>
      void lines.push(`${msg} ${JSON.stringify(obj)}`);
    rx.notifier = new Notifier({
      receivers: [webhook('oncall', rx.server.url, secret('HOOK_TOKEN', 's3cret'))],
      repeatInterval: 300_000,
      retry: { maxAttempts: 2 },
      sleep: async () => {},
      logger: { info: log, warn: log },
      onResult: (receiver, result) => {
        results.push(`${receiver}:${result}`);
        throw new Error('metrics hook broke');
      },
    });
    await rx.notifier.fire(pinnedAtMax, ['oncall']);
    await rx.notifier.fire(pinnedAtMax, ['oncall']);
    await rx.notifier.fire(pinnedAtMax, ['oncall']);
    expect(results).toEqual(['oncall:error', 'oncall:ok', 'oncall:suppressed']);
    expect(rx.server.received.every((r) => r.headers.authorization === 'Bearer s3cret')).toBe(true);
    expect(lines.some((l) => l.includes('delivery failed'))).toBe(true);
    expect(lines.join('\n')).not.toContain('s3cret');
  });
});
