/** Error codes of the metrics domain. Add new codes at the end; never reuse one. */
export const METRICS_CODES = {
  GOV_METRICS_UNKNOWN: 'An unexpected metrics error',
} as const;
