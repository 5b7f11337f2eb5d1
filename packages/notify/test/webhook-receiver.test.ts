import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Notifier } from '../src/notifier.js';
import { configInvalid, manualClock, pinnedAtMax, secret, webhook } from './support/fixtures.js';
import { type ReceiverServer, startReceiver } from './support/receiver-server.js';

describe('webhook receiver (Alertmanager v4 payload) against a real HTTP server', () => {
  let server: ReceiverServer;
  let notifier: Notifier | undefined;
  beforeEach(async () => {
    server = await startReceiver();
  });
  afterEach(async () => {
    await notifier?.close();
    await server.close();
  });

  it('posts a firing alert in the Alertmanager webhook v4 shape with a bearer token', async () => {
    const clock = manualClock();
    notifier = new Notifier({
      receivers: [webhook('oncall', `${server.url}/hook`, secret('HOOK_TOKEN', 's3cret'))],
      repeatInterval: 300_000,
      now: clock.now,
      externalUrl: 'http://autoscaler:9470',
    });
    await notifier.fire(pinnedAtMax, ['oncall']);
    expect(server.received).toHaveLength(1);
    const [req] = server.received;
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
    expect(notifier.counts()).toEqual({ oncall: { ok: 1 } });
  });

  it('sends a resolve message with endsAt and the same fingerprint', async () => {
    const clock = manualClock();
    notifier = new Notifier({
      receivers: [webhook('oncall', server.url)],
      repeatInterval: 300_000,
      now: clock.now,
    });
    const startsAt = clock.now();
    await notifier.fire(configInvalid, ['oncall']);
    clock.advance(90_000);
    await notifier.resolve('GovernorConfigReloadFailed');
    expect(server.received.map((r) => r.json.status)).toEqual(['firing', 'resolved']);
    const [fired, resolved] = server.received.map((r) => (r.json.alerts as Record<string, unknown>[])[0]);
    expect(resolved).toMatchObject({
      status: 'resolved',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 90_000).toISOString(),
    });
    expect(resolved?.fingerprint).toBe(fired?.fingerprint);
    expect(resolved?.labels).not.toHaveProperty('app');
    expect(notifier.activeAlerts()).toEqual([]);
  });

  it('resolving an alert that never fired sends nothing', async () => {
    notifier = new Notifier({ receivers: [webhook('oncall', server.url)], repeatInterval: 300_000 });
    await notifier.resolve('GovernorAppPinnedAtMax', 'web');
    expect(server.received).toEqual([]);
  });

  it('does not send a token when the variable behind it is unset, and counts an error instead', async () => {
    notifier = new Notifier({
      receivers: [webhook('oncall', server.url, secret('HOOK_TOKEN', undefined))],
      repeatInterval: 300_000,
    });
    await notifier.fire(pinnedAtMax, ['oncall']);
    expect(server.received).toEqual([]);
    expect(notifier.counts()).toEqual({ oncall: { error: 1 } });
  });

  it('counts an unknown receiver name without throwing', async () => {
    notifier = new Notifier({ receivers: [webhook('oncall', server.url)], repeatInterval: 300_000 });
    await expect(notifier.fire(pinnedAtMax, ['nobody', 'oncall'])).resolves.toBeUndefined();
    expect(notifier.counts()).toEqual({ nobody: { unknown_receiver: 1 }, oncall: { ok: 1 } });
  });

  it('reports every result to onResult, survives a throwing hook, and never logs a secret', async () => {
    server.script({ status: 500 }, { status: 500 });
    const results: string[] = [];
    const lines: string[] = [];
    const log = (obj: Record<string, unknown>, msg: string) =>
      void lines.push(`${msg} ${JSON.stringify(obj)}`);
    notifier = new Notifier({
      receivers: [webhook('oncall', server.url, secret('HOOK_TOKEN', 's3cret'))],
      repeatInterval: 300_000,
      retry: { maxAttempts: 2 },
      sleep: async () => {},
      logger: { info: log, warn: log },
      onResult: (receiver, result) => {
        results.push(`${receiver}:${result}`);
        throw new Error('metrics hook broke');
      },
    });
    await notifier.fire(pinnedAtMax, ['oncall']);
    await notifier.fire(pinnedAtMax, ['oncall']);
    await notifier.fire(pinnedAtMax, ['oncall']);
    expect(results).toEqual(['oncall:error', 'oncall:ok', 'oncall:suppressed']);
    expect(server.received.every((r) => r.headers.authorization === 'Bearer s3cret')).toBe(true);
    expect(lines.some((l) => l.includes('delivery failed'))).toBe(true);
    expect(lines.join('\n')).not.toContain('s3cret');
  });
});
