import type { AppConfig, Severity } from './config-types.js';

/** Whether an alert wakes someone up (`page`) or waits for working hours (`ticket`). */
export type AlertClass = 'page' | 'ticket';

/**
 * Every alert Governor raises, from the Prometheus rules or the daemon's own
 * notifier, with its one class. Both sides take the severity from here, and
 * docs/runbooks/ has one page per name (a test checks both).
 */
export const ALERT_CATALOG = {
  GovernorAppLatencyBudgetBurnFast: 'page',
  GovernorAppLatencyBudgetBurnSlow: 'ticket',
  GovernorAppErrorRateHigh: 'page',
  GovernorInstanceMemoryHigh: 'ticket',
  GovernorAppCpuSaturated: 'ticket',
  GovernorAppPinnedAtMax: 'ticket',
  GovernorAppScaleActionsFailing: 'page',
  GovernorAppDecisionsFlapping: 'ticket',
  GovernorScrapeTargetDown: 'ticket',
  GovernorCollectorMissing: 'ticket',
  GovernorNoActiveLeader: 'page',
  GovernorMultipleLeaders: 'page',
  GovernorConfigReloadFailed: 'ticket',
  GovernorCollectorPublishFailing: 'ticket',
  GovernorMetricSourceFailing: 'ticket',
} as const satisfies Record<string, AlertClass>;

/** The name of an alert in {@link ALERT_CATALOG}. */
export type AlertName = keyof typeof ALERT_CATALOG;

/** Severities of alerts that concern no single app (the autoscaler's own): page critical, ticket warning. */
export const FLEET_SEVERITIES: Readonly<Record<AlertClass, Severity>> = {
  page: 'critical',
  ticket: 'warning',
};

/**
 * The severity label of `name`: its class mapped through the app's
 * `alerts.severities`, or through {@link FLEET_SEVERITIES} for the
 * autoscaler's own alerts.
 */
export function alertSeverity(name: AlertName, app?: Pick<AppConfig, 'alerts'>): Severity {
  const cls = ALERT_CATALOG[name];
  return app ? app.alerts.severities[cls] : FLEET_SEVERITIES[cls];
}

/**
 * The runbook link of an alert: `<base>/<name>.md`, without a doubled slash;
 * docs/runbooks/ holds one `<name>.md` per alert, so any place that serves
 * that directory (a docs site, the repository on a Git host) is a base
 * (`alerting.runbookBaseUrl`).
 */
export function runbookUrl(base: string, name: string): string {
  return `${base.replace(/\/+$/, '')}/${name}.md`;
}
