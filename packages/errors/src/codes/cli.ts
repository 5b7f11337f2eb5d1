/** Error codes of the cli domain. Add new codes at the end; never reuse one. */
export const CLI_CODES = {
  GOV_CLI_UNKNOWN: 'An unexpected cli error',
  GOV_CLI_INVALID_TRACE:
    'A load trace file is malformed (not `t_seconds,requests_per_second`, uneven or decreasing times)',
  GOV_CLI_SIMULATE_INPUT: 'A simulation input is invalid (unknown app, bad model option, nothing to score)',
} as const;
