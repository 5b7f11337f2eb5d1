import { alertmanagerWebhookRequest } from './payloads/alertmanager-webhook.js';
import { pagerDutyRequest } from './payloads/pagerduty.js';
import { PermanentNotifyError } from './payloads/permanent-error.js';
import { slackRequest } from './payloads/slack.js';
import type { HttpRequest, NotifyEvent } from './types.js';

/** The request for an event, by receiver type, or why it cannot be built (e.g. a missing secret). */
export function renderRequest(
  event: NotifyEvent,
  externalUrl: string,
): { ok: true; request: HttpRequest } | { ok: false; reason: string } {
  try {
    switch (event.receiver.type) {
      case 'webhook':
        return { ok: true, request: alertmanagerWebhookRequest(event, externalUrl) };
      case 'slack':
        return { ok: true, request: slackRequest(event) };
      case 'pagerduty':
        return { ok: true, request: pagerDutyRequest(event) };
    }
  } catch (err) {
    if (err instanceof PermanentNotifyError) return { ok: false, reason: err.message };
    throw err;
  }
}
