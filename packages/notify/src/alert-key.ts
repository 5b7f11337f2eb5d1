import type { NotifyAlert } from './types.js';

/** Identity of an alert across fire/resolve calls: `name` plus `app`, when present. */
export function alertKey(name: string, app?: string): string {
  return app === undefined ? name : `${name}/${app}`;
}

/** The labels a notification carries: extras, then alertname, app and severity (which win). */
export function alertLabels(alert: NotifyAlert): Record<string, string> {
  return {
    ...alert.labels,
    alertname: alert.name,
    ...(alert.app === undefined ? {} : { app: alert.app }),
    severity: alert.severity,
  };
}

/** The annotations a notification carries. */
export function alertAnnotations(alert: NotifyAlert): Record<string, string> {
  return {
    summary: alert.summary,
    description: alert.description,
    ...(alert.runbookUrl === undefined ? {} : { runbook_url: alert.runbookUrl }),
  };
}
