/** Metric sources: Prometheus queries and Redis queue backlogs. */
export const SOURCE_CODES = {
  GOV_SOURCE_UNREACHABLE:
    'A metric source (Prometheus, Redis, or a daemon for the sidecar source) could not be reached; its metrics are missing this tick',
  GOV_SOURCE_TIMEOUT: 'A metric source did not answer within its timeout; its metrics are missing this tick',
  GOV_SOURCE_QUERY_FAILED:
    'A metric source answered with an error or a response it could not read (bad PromQL, HTTP error, wrong data type)',
} as const;
