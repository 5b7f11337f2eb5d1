import type { ActionResult } from '@governor/actions';
import { type AppConfig, alertSeverity, type GovernorConfig, runbookUrl } from '@governor/config';
import { describeError } from '@governor/errors';
import type { NotifyAlert } from '@governor/notify';
import type { Logger } from '@governor/telemetry';
import type { ReloadStatus } from './config-reloader.js';
import type { DecisionRecord } from './decision-record.js';

/** Where alerts go: the narrow part of `@governor/notify`'s Notifier the daemon uses. */
export interface AlertSink {
  fire(alert: NotifyAlert, receivers: readonly string[]): Promise<void>;
  resolve(name: string, app?: string): Promise<void>;
}

/** Options of {@link DaemonAlerts}. */
export interface DaemonAlertsOptions {
  readonly sink: AlertSink;
  readonly config: () => GovernorConfig;
  readonly logger: Logger;
  /** Consecutive failed actions of an app before `GovernorAppScaleActionsFailing` fires. Default 3. */
  readonly failedActions?: number;
  /** Consecutive ticks wanting more than max before `GovernorAppPinnedAtMax` fires. Default 12 (1 min at 5 s). */
  readonly pinnedTicks?: number;
}

/**
 * The alerts the daemon raises itself (the same names as the generated
 * Prometheus rules, for setups without Prometheus): scale actions failing,
 * pinned at max, config reload failed. Each resolves when the condition
 * clears. Notification failures are logged, never thrown.
 */
export class DaemonAlerts {
  private readonly failures = new Map<string, number>();
  private readonly pinned = new Map<string, number>();
  private readonly firing = new Set<string>();

  constructor(private readonly options: DaemonAlertsOptions) {}

  /** After every action result. */
  onAction(result: ActionResult, policy: AppConfig | undefined): void {
    if (!policy || result.result === 'superseded') return;
    const name = 'GovernorAppScaleActionsFailing';
    if (result.result === 'ok') {
      this.failures.set(policy.name, 0);
      this.clear(name, policy.name);
      return;
    }
    const n = (this.failures.get(policy.name) ?? 0) + 1;
    this.failures.set(policy.name, n);
    if (n < (this.options.failedActions ?? 3)) return;
    this.raise(
      {
        name,
        app: policy.name,
        severity: alertSeverity(name, policy),
        summary: `${policy.name}: ${n} scale actions in a row failed`,
        description: `Last error: ${result.error?.code ?? ''} ${result.error?.message ?? ''} (decision ${result.decisionId}).`,
        labels: { ...policy.alerts.labels },
      },
      policy.alerts.receivers,
    );
  }

  /** After every recorded decision. */
  onDecision(record: DecisionRecord, policy: AppConfig): void {
    const name = 'GovernorAppPinnedAtMax';
    const d = record.decision;
    if (!d) return;
    const wantsMore = d.steps.some((s) => s.reason === 'TooManyMachines') && d.desired >= d.bounds.max;
    const n = wantsMore ? (this.pinned.get(policy.name) ?? 0) + 1 : 0;
    this.pinned.set(policy.name, n);
    if (n === 0) {
      this.clear(name, policy.name);
      return;
    }
    if (n < (this.options.pinnedTicks ?? 12)) return;
    this.raise(
      {
        name,
        app: policy.name,
        severity: alertSeverity(name, policy),
        summary: `${policy.name} wants more machines than its max (${d.bounds.max})`,
        description: record.explanation,
        labels: { ...policy.alerts.labels },
      },
      policy.alerts.receivers,
    );
  }

  /** After every reload attempt. */
  onReload(status: ReloadStatus): void {
    const name = 'GovernorConfigReloadFailed';
    if (status.ok) {
      this.clear(name);
      return;
    }
    this.raise(
      {
        name,
        severity: alertSeverity(name),
        summary: 'The config file is invalid; the daemon keeps the previous config',
        description: status.issues.slice(0, 10).join('\n'),
      },
      this.options.config().alerting.receivers.map((r) => r.name),
    );
  }

  private raise(alert: NotifyAlert, receivers: readonly string[]): void {
    const base = this.options.config().alerting.runbookBaseUrl;
    this.firing.add(`${alert.name}\0${alert.app ?? ''}`);
    this.options.sink
      .fire({ ...alert, runbookUrl: runbookUrl(base, alert.name) }, receivers)
      .catch((err: unknown) => {
        this.options.logger.warn(
          { alert: alert.name, app: alert.app, err: describeError(err) },
          'alert not sent',
        );
      });
  }

  private clear(name: string, app?: string): void {
    const key = `${name}\0${app ?? ''}`;
    if (!this.firing.delete(key)) return;
    this.options.sink.resolve(name, app).catch((err: unknown) => {
      this.options.logger.warn({ alert: name, app, err: describeError(err) }, 'alert resolve not sent');
    });
  }
}
