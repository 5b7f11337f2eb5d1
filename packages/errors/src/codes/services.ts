/** Error codes of the services domain. Add new codes at the end; never reuse one. */
export const SERVICE_CODES = {
  GOV_SERVICE_UNKNOWN: 'An unexpected services error',
} as const;
