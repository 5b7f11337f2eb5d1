import type { HttpRequest, NotifyEvent } from '../types.js';
import { PermanentNotifyError } from './permanent-error.js';

const COLORS = { critical: '#d63232', warning: '#f2a900', info: '#3273dc' } as const;
const RESOLVED_COLOR = '#2eb67d';

/** A Slack incoming-webhook message: a one-line `text` fallback and a colored attachment. */
export function slackRequest(event: NotifyEvent): HttpRequest {
  const receiver = event.receiver;
  if (receiver.type !== 'slack') throw new PermanentNotifyError(`receiver ${receiver.name} is not slack`);
  const url = receiver.url.reveal();
  if (url === undefined) throw new PermanentNotifyError(`${receiver.url} is not set`);
  const { alert } = event;
  const firing = event.status === 'firing';
  const where = alert.app === undefined ? '' : ` ${alert.app}`;
  const tag = firing ? `[${alert.severity.toUpperCase()}]` : '[RESOLVED]';
  const text = `${tag} ${alert.name}${where}: ${alert.summary}`;
  const fields = [
    { title: 'Severity', value: alert.severity, short: true },
    ...(alert.app === undefined ? [] : [{ title: 'App', value: alert.app, short: true }]),
    ...Object.entries(alert.labels ?? {}).map(([title, value]) => ({ title, value, short: true })),
  ];
  const attachment = {
    color: firing ? COLORS[alert.severity] : RESOLVED_COLOR,
    fallback: text,
    title: text,
    ...(alert.runbookUrl === undefined ? {} : { title_link: alert.runbookUrl }),
    text: firing ? alert.description : `Resolved: ${alert.description}`,
    fields,
    ts: Math.floor((firing ? event.startsAt : (event.endsAt ?? event.startsAt)) / 1000),
  };
  return {
    url,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, attachments: [attachment] }),
  };
}
