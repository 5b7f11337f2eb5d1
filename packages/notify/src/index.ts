export { alertAnnotations, alertKey, alertLabels } from './alert-key.js';
export { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from './backoff.js';
export type { DeliverContext, DeliveryOutcome } from './deliver.js';
export { deliver, timerSleep } from './deliver.js';
export { Notifier } from './notifier.js';
export type { NotifierOptions } from './notifier-options.js';
export { alertmanagerWebhookRequest, fingerprint } from './payloads/alertmanager-webhook.js';
export { pagerDutyDedupKey, pagerDutyRequest } from './payloads/pagerduty.js';
export { PermanentNotifyError } from './payloads/permanent-error.js';
export { slackRequest } from './payloads/slack.js';
export { renderRequest } from './render-request.js';
export { DEFAULT_RATE_LIMIT, TokenBucket } from './token-bucket.js';
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
