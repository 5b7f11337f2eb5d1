/** Error codes of the metrics domain. Add new codes at the end; never reuse one. */
export const METRICS_CODES = {
  GOV_METRICS_UNKNOWN: 'An unexpected metrics error',
  GOV_METRICS_PARSE:
    'A metrics exposition (Prometheus text 0.0.4 or OpenMetrics 1.0.0) is malformed; the error names line, column and reason',
  GOV_METRICS_HOST_STATS: 'A cgroup or procfs file does not have the expected shape',
  GOV_METRICS_INCOMPATIBLE_DISTRIBUTIONS:
    'Latency distributions cannot be merged or compared (different kinds, sketch accuracies or non-mergeable summaries)',
} as const;
