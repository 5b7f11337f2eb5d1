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
