import type { AppMetricNames } from '@governor/config';

/**
 * Latency histograms Governor recognises without configuration, in order of
 * preference: prom-client / Prometheus client conventions first, then
 * OpenTelemetry HTTP server conventions (stable seconds-based
 * `http.server.request.duration`, older ms-based `http.server.duration`),
 * then Spring (Micrometer).
 */
export const LATENCY_CANDIDATES: readonly string[] = [
  'http_request_duration_seconds',
  'http_server_request_duration_seconds',
  'http.server.request.duration',
  'http_request_duration_ms',
  'http_request_duration_milliseconds',
  'http_server_duration_milliseconds',
  'http_server_duration',
  'http.server.duration',
  'http_server_requests_seconds',
];

/** Request counters recognised without configuration (when there is no latency histogram). */
export const REQUEST_COUNTER_CANDIDATES: readonly string[] = [
  'http_requests_total',
  'http_server_requests_total',
  'http_request_total',
];

/** Labels that hold the HTTP status code, in order of preference. */
export const STATUS_LABEL_CANDIDATES: readonly string[] = [
  'status_code',
  'code',
  'status',
  'http_response_status_code',
  'http_status_code',
];

/**
 * Seconds per unit of a latency metric: 0.001 for names in milliseconds
 * (`_ms`, `_milliseconds`, and OpenTelemetry's older `http.server.duration`),
 * 1 otherwise. A family's OpenMetrics UNIT wins when present.
 */
export function secondsPerUnit(name: string, unit?: string): number {
  if (unit === 'seconds') return 1;
  if (unit === 'milliseconds' || unit === 'ms') return 0.001;
  if (/(_ms|_milliseconds)$/.test(name)) return 0.001;
  if (name === 'http.server.duration' || name === 'http_server_duration') return 0.001;
  return 1;
}

/**
 * Every family name the collector may read for `names`: the parser's
 * selective fast path skips all other families. Counters are listed with and
 * without `_total` (Prometheus text keeps the suffix in the family name,
 * OpenMetrics drops it).
 */
export function wantedFamilies(names: AppMetricNames): Set<string> {
  const out = new Set<string>();
  const add = (n: string): void => {
    out.add(n);
    if (n.endsWith('_total')) out.add(n.slice(0, -'_total'.length));
    else out.add(`${n}_total`);
  };
  for (const n of names.latencyHistogram ? [names.latencyHistogram] : LATENCY_CANDIDATES) out.add(n);
  if (names.requestsTotal) add(names.requestsTotal);
  else for (const n of REQUEST_COUNTER_CANDIDATES) add(n);
  for (const n of names.custom) add(n);
  return out;
}
