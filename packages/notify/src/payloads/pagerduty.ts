import { alertKey } from '../alert-key.js';
import type { HttpRequest, NotifyEvent } from '../types.js';
import { PermanentNotifyError } from './permanent-error.js';

/** PagerDuty severities for Governor's. */
const PD_SEVERITY = { critical: 'critical', warning: 'warning', info: 'info' } as const;

/**
 * The dedup key of an alert: stable across trigger, repeats and resolve, so
 * that PagerDuty keeps one incident per alert and app.
 */
export function pagerDutyDedupKey(name: string, app?: string): string {
  return `governor/${alertKey(name, app)}`;
}

/** A PagerDuty Events API v2 `trigger` or `resolve` event. */
export function pagerDutyRequest(event: NotifyEvent): HttpRequest {
  const receiver = event.receiver;
  if (receiver.type !== 'pagerduty')
    throw new PermanentNotifyError(`receiver ${receiver.name} is not pagerduty`);
  const routingKey = receiver.routingKey.reveal();
  if (routingKey === undefined) throw new PermanentNotifyError(`${receiver.routingKey} is not set`);
  const { alert } = event;
  const dedupKey = pagerDutyDedupKey(alert.name, alert.app);
  const body =
    event.status === 'resolved'
      ? { routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey }
      : {
          routing_key: routingKey,
          event_action: 'trigger',
          dedup_key: dedupKey,
          payload: {
            // PagerDuty truncates summaries at 1024 characters.
            summary: `${alert.name}${alert.app === undefined ? '' : ` ${alert.app}`}: ${alert.summary}`.slice(
              0,
              1024,
            ),
            source: alert.app ?? 'governor',
            severity: PD_SEVERITY[alert.severity],
            timestamp: new Date(event.startsAt).toISOString(),
            component: alert.app ?? 'autoscaler',
            group: 'governor',
            class: alert.name,
            custom_details: { description: alert.description, labels: alert.labels ?? {} },
          },
          ...(alert.runbookUrl === undefined ? {} : { links: [{ href: alert.runbookUrl, text: 'Runbook' }] }),
          client: 'Governor',
        };
  return { url: receiver.url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
