import type { AppConfig, GovernorConfig } from '@governor/config';
import type { AlertScope } from './rule-builder.js';

/** The scope of one app's alerts: its config plus the shared alerting settings. */
export interface AppAlertScope extends AlertScope {
  readonly app: AppConfig;
}

/** Builds the alert scope of `app`: the app's extra labels and the runbook base. */
export function appAlertScope(config: GovernorConfig, app: AppConfig): AppAlertScope {
  return { app, runbookBaseUrl: config.alerting.runbookBaseUrl, labels: { ...app.alerts.labels } };
}

/**
 * The latency SLO (ms) an app is alerted on: `alerts.slo`, else the SLO of
 * its latency target for the same quantile, else of any latency target.
 */
export function alertSloMs(app: AppConfig): number | undefined {
  if (app.alerts.slo !== undefined) return app.alerts.slo;
  const latency = app.targets.flatMap((t) => (t.type === 'latency' ? [t] : []));
  return (latency.find((t) => t.quantile === app.alerts.sloQuantile) ?? latency[0])?.slo;
}
