/** Error codes of the collector domain. Add new codes at the end; never reuse one. */
export const COLLECTOR_CODES = {
  GOV_COLLECTOR_UNKNOWN: 'An unexpected collector error',
  GOV_COLLECTOR_SCRAPE_DOWN: 'A scrape target refused the connection or could not be reached',
  GOV_COLLECTOR_SCRAPE_TIMEOUT: 'A scrape target did not answer within the scrape timeout',
  GOV_COLLECTOR_SCRAPE_STATUS: 'A scrape target answered with a non-2xx HTTP status',
  GOV_COLLECTOR_SCRAPE_OVERSIZE: 'A scrape body exceeded the configured maximum size',
  GOV_COLLECTOR_SCRAPE_TOO_MANY_SERIES: 'A scrape exposed more series than the configured maximum',
  GOV_COLLECTOR_SCRAPE_PARSE: 'A scrape body is not valid Prometheus or OpenMetrics text',
  GOV_COLLECTOR_HOST_STATS: 'CPU or memory statistics of the instance could not be read (cgroup or /proc)',
  GOV_COLLECTOR_IDENTITY: 'The instance identity (app, instance id, region) is missing or invalid',
  GOV_COLLECTOR_INVALID_OPTIONS: 'Collector flags or options are invalid (unknown app, bad URL, bad number)',
} as const;
