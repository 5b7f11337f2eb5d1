/** Error codes of the cli domain. Add new codes at the end; never reuse one. */
export const CLI_CODES = {
  GOV_CLI_UNKNOWN: 'An unexpected cli error',
} as const;
