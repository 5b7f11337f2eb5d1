/** Error codes of the scaler domain. Add new codes at the end; never reuse one. */
export const SCALER_CODES = {
  GOV_SCALER_UNKNOWN: 'An unexpected scaler error',
  GOV_SCALER_INVALID_CRON: 'A schedule cron expression is not a valid 5-field cron expression',
  GOV_SCALER_INVALID_INPUT: 'A decide input (policy, observations, history or now) is malformed',
} as const;
