/** Error codes of the actions domain. Add new codes at the end; never reuse one. */
export const ACTION_CODES = {
  GOV_ACTION_UNKNOWN: 'An unexpected actions error',
} as const;
