import type { ActionResult } from '@governor/actions';
import { MemoryBus } from '@governor/bus';
import type { NotifyAlert } from '@governor/notify';
import { FakeProvider } from '@governor/provider-emulators/fake';
import { silentLogger } from '@governor/telemetry';
import { partialFixture } from '@governor/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { Autoscaler } from '../src/autoscaler.js';
import { type AlertSink, DaemonAlerts } from '../src/daemon-alerts.js';
import { appPolicy, fixedDecide, testConfig } from './fixtures/test-config.js';

/** Records what the daemon fires and resolves. */
class RecordingSink implements AlertSink {
  readonly events: string[] = [];
  readonly alerts: NotifyAlert[] = [];
  async fire(alert: NotifyAlert, receivers: readonly string[]) {
    this.alerts.push(alert);
    this.events.push(`fire ${alert.name} ${alert.app ?? ''} -> ${receivers.join(',')}`);
  }
  async resolve(name: string, app?: string) {
    this.events.push(`resolve ${name} ${app ?? ''}`);
  }
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

describe('daemon alerts', () => {
  it('fires GovernorAppScaleActionsFailing after three failed actions in a row and resolves on success', async () => {
    const provider = new FakeProvider({ failures: [{ op: 'create', error: 'permanent' }] });
    const sink = new RecordingSink();
    const policy = { ...appPolicy('web'), alerts: { ...appPolicy('web').alerts, receivers: ['oncall'] } };
    const a = new Autoscaler({
      config: testConfig([policy]),
      configHash: 'aaaaaaaaaaaa',
      providers: { fake: provider },
      bus: new MemoryBus(),
      decide: fixedDecide(() => 2),
      alerts: sink,
    });
    stops.push(() => a.stop());
    for (let i = 0; i < 2; i++) {
      await a.tickOnce();
      await a.queue.idle();
    }
    expect(sink.events).toEqual([]);
    await a.tickOnce();
    await a.queue.idle();
    expect(sink.events).toEqual(['fire GovernorAppScaleActionsFailing web -> oncall']);
    expect(sink.alerts[0]?.runbookUrl).toBe(
      'https://example.test/runbooks/GovernorAppScaleActionsFailing.md',
    );
    expect(sink.alerts[0]?.severity).toBe('critical');

    provider.clearFailures();
    await a.tickOnce();
    await a.queue.idle();
    expect(sink.events.at(-1)).toBe('resolve GovernorAppScaleActionsFailing web');
  });

  it('fires GovernorAppPinnedAtMax after the configured ticks of wanting more than max, resolves when not', () => {
    const sink = new RecordingSink();
    const config = testConfig([appPolicy('web', { max: 3 })]);
    const alerts = new DaemonAlerts({ sink, config: () => config, logger: silentLogger(), pinnedTicks: 2 });
    const policy = config.apps[0]!;
    const record = (pinned: boolean) =>
      partialFixture<Parameters<DaemonAlerts['onDecision']>[0]>({
        id: 'x',
        app: 'web',
        at: 0,
        mode: 'active',
        disposition: 'enqueued',
        current: 3,
        explanation: 'why',
        outcome: 'no_change',
        decision: {
          desired: 3,
          bounds: { min: 1, max: 3 },
          steps: pinned
            ? [{ stage: 'bounds', reason: 'TooManyMachines', before: 6, after: 3, message: '' }]
            : [],
        },
      });
    alerts.onDecision(record(true), policy);
    expect(sink.events).toEqual([]);
    alerts.onDecision(record(true), policy);
    expect(sink.events).toEqual(['fire GovernorAppPinnedAtMax web -> ']);
    alerts.onDecision(record(false), policy);
    expect(sink.events.at(-1)).toBe('resolve GovernorAppPinnedAtMax web');
  });

  it('fires GovernorConfigReloadFailed on a failed reload and resolves on the next good one', () => {
    const sink = new RecordingSink();
    const config = testConfig([appPolicy('web')]);
    const alerts = new DaemonAlerts({ sink, config: () => config, logger: silentLogger() });
    alerts.onReload({ ok: false, at: 0, issues: ['x.yaml:1:1: bad'], hash: 'h' });
    alerts.onReload({ ok: true, at: 1, issues: [], hash: 'h' });
    alerts.onReload({ ok: true, at: 2, issues: [], hash: 'h' });
    expect(sink.events).toEqual([
      'fire GovernorConfigReloadFailed  -> ',
      'resolve GovernorConfigReloadFailed ',
    ]);
    expect(sink.alerts[0]?.description).toContain('x.yaml:1:1: bad');
  });

  it('ignores superseded actions', () => {
    const sink = new RecordingSink();
    const config = testConfig([appPolicy('web')]);
    const alerts = new DaemonAlerts({ sink, config: () => config, logger: silentLogger(), failedActions: 1 });
    const superseded: ActionResult = {
      app: 'web',
      decisionId: 'd',
      result: 'superseded',
      steps: [],
      startedAt: 0,
      finishedAt: 0,
    };
    alerts.onAction(superseded, config.apps[0]);
    expect(sink.events).toEqual([]);
  });
});
