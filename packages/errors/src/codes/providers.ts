/** Error codes of the providers domain. Add new codes at the end; never reuse one. */
export const PROVIDER_CODES = {
  GOV_PROVIDER_UNKNOWN: 'An unexpected provider error',
  GOV_PROVIDER_NOT_FOUND: 'The app or machine does not exist',
  GOV_PROVIDER_RATE_LIMITED: 'The provider API throttled the request (retryable)',
  GOV_PROVIDER_UNAVAILABLE: 'The provider API failed or could not be reached (retryable)',
  GOV_PROVIDER_AUTH: 'The provider rejected the credentials',
  GOV_PROVIDER_CONFLICT: 'The machine is leased by someone else or in a conflicting state',
  GOV_PROVIDER_INVALID: 'The provider rejected the request as invalid',
  GOV_PROVIDER_CAPACITY: 'The region has no capacity for a new machine',
  GOV_PROVIDER_TIMEOUT: 'A machine did not reach the expected state in time',
  GOV_PROVIDER_RETRIES_EXHAUSTED: 'A retryable error persisted past the retry bound',
  GOV_PROVIDER_UNHEALTHY: 'A machine never became healthy',
  GOV_PROVIDER_HPA_CONFLICT: 'A HorizontalPodAutoscaler already scales the Kubernetes Deployment',
} as const;
