export { alertAnnotations, alertKey, alertLabels } from './alert-key.js';
export { DEFAULT_RATE_LIMIT, DEFAULT_RETRY } from './defaults.js';
export type { DeliverContext, DeliveryOutcome } from './deliver.js';
export { deliver } from './deliver.js';
export { Notifier } from './notifier.js';
export type { NotifierOptions } from './notifier-options.js';
export { alertmanagerWebhookRequest, fingerprint } from './payloads/alertmanager-webhook.js';
export { pagerDutyDedupKey, pagerDutyRequest } from './payloads/pagerduty.js';
export { PermanentNotifyError } from './payloads/permanent-error.js';
export { slackRequest } from './payloads/slack.js';
export { renderRequest } from './render-request.js';
export { parseRetryAfter } from './retry-after.js';
export type {
  FetchLike,
  HttpRequest,
  NotifyAlert,
  NotifyEvent,
  NotifyLogger,
  NotifyResult,
  NotifyStatus,
  RateLimit,
  RetryPolicy,
} from './types.js';
