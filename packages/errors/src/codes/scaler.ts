/** Error codes of the scaler domain. Add new codes at the end; never reuse one. */
export const SCALER_CODES = {
  GOV_SCALER_UNKNOWN: 'An unexpected scaler error',
} as const;
