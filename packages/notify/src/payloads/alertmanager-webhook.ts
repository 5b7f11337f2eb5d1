import { createHash } from 'node:crypto';
import { alertAnnotations, alertLabels } from '../alert-key.js';
import type { HttpRequest, NotifyEvent } from '../types.js';
import { PermanentNotifyError } from './permanent-error.js';

/** Alertmanager's "zero" time, used as `endsAt` of a firing alert. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** Alertmanager-style fingerprint: a hash of the sorted label set, 16 hex digits. */
export function fingerprint(labels: Readonly<Record<string, string>>): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u00ff');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * A POST in the Alertmanager webhook (version 4) shape, so that anything that
 * consumes Alertmanager webhooks consumes Governor's own alerts unchanged.
 */
export function alertmanagerWebhookRequest(event: NotifyEvent, externalUrl: string): HttpRequest {
  const receiver = event.receiver;
  if (receiver.type !== 'webhook')
    throw new PermanentNotifyError(`receiver ${receiver.name} is not a webhook`);
  const labels = alertLabels(event.alert);
  const annotations = alertAnnotations(event.alert);
  const groupLabels: Record<string, string> = { alertname: event.alert.name };
  if (event.alert.app !== undefined) groupLabels.app = event.alert.app;
  const groupKey = `{}:{${Object.entries(groupLabels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')}}`;
  const body = {
    version: '4',
    groupKey,
    truncatedAlerts: 0,
    status: event.status,
    receiver: receiver.name,
    groupLabels,
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: externalUrl,
    alerts: [
      {
        status: event.status,
        labels,
        annotations,
        startsAt: new Date(event.startsAt).toISOString(),
        endsAt: event.endsAt === undefined ? ZERO_TIME : new Date(event.endsAt).toISOString(),
        generatorURL: externalUrl,
        fingerprint: fingerprint(labels),
      },
    ],
  };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (receiver.token) {
    const token = receiver.token.reveal();
    if (token === undefined) throw new PermanentNotifyError(`${receiver.token} is not set`);
    headers.authorization = `Bearer ${token}`;
  }
  return { url: receiver.url, headers, body: JSON.stringify(body) };
}
