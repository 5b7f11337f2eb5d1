/** Error codes of the collector domain. Add new codes at the end; never reuse one. */
export const COLLECTOR_CODES = {
  GOV_COLLECTOR_UNKNOWN: 'An unexpected collector error',
} as const;
