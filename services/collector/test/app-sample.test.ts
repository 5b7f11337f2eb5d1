import { parseExposition } from '@governor/metrics';
import { describe, expect, it } from 'vitest';
import { extractAppSample } from '../src/summary/app-sample.js';
import { wantedFamilies } from '../src/summary/metric-names.js';

const noNames = { custom: [] };

describe('extractAppSample', () => {
  it('takes requests from an explicit counter and its status label, latency from an explicit histogram', () => {
    const text = [
      '# TYPE api_calls_total counter',
      'api_calls_total{result="500"} 4',
      'api_calls_total{result="200"} 96',
      '# TYPE api_latency_seconds histogram',
      'api_latency_seconds_bucket{le="0.1"} 50',
      'api_latency_seconds_bucket{le="1"} 100',
      'api_latency_seconds_bucket{le="+Inf"} 100',
      'api_latency_seconds_count 100',
      'api_latency_seconds_sum 20',
      '',
    ].join('\n');
    const names = {
      latencyHistogram: 'api_latency_seconds',
      requestsTotal: 'api_calls_total',
      statusLabel: 'result',
      custom: [],
    };
    const families = parseExposition(text, { format: 'text', families: wantedFamilies(names) });
    const s = extractAppSample(families, names);
    expect(s.requests).toEqual({ total: 100, errors: 4 });
    expect(s.latency).toEqual({
      kind: 'buckets',
      bounds: [0.1, 1],
      cumulative: [50, 100],
      count: 100,
      sum: 20,
    });
    expect(s.sources).toEqual({ latency: 'api_latency_seconds', requests: 'api_calls_total' });
  });

  it('falls back to a recognised request counter when there is no histogram', () => {
    const text = [
      '# TYPE http_requests_total counter',
      'http_requests_total{code="503"} 1',
      'http_requests_total{code="200"} 3',
      '',
    ].join('\n');
    const s = extractAppSample(parseExposition(text, { format: 'text' }), noNames);
    expect(s.requests).toEqual({ total: 4, errors: 1 });
    expect(s.latency).toBeUndefined();
  });

  it('reads a summary as precomputed quantiles, converting ms to seconds', () => {
    const text = [
      '# TYPE http_request_duration_ms summary',
      'http_request_duration_ms{quantile="0.5"} 12',
      'http_request_duration_ms{quantile="0.9"} 40',
      'http_request_duration_ms{quantile="0.99"} 250',
      'http_request_duration_ms_sum 5000',
      'http_request_duration_ms_count 200',
      '',
    ].join('\n');
    const s = extractAppSample(parseExposition(text, { format: 'text' }), noNames);
    expect(s.latency).toEqual({
      kind: 'summary',
      quantiles: { '0.5': 0.012, '0.9': 0.04, '0.99': 0.25 },
      count: 200,
      sum: 5,
    });
    expect(s.requests).toEqual({ total: 200, errors: 0 });
  });

  it('sums custom gauges across label sets and marks counters', () => {
    const text = [
      '# TYPE q gauge',
      'q{queue="a"} 2',
      'q{queue="b"} 5',
      '# TYPE done_total counter',
      'done_total 9',
      '',
    ].join('\n');
    const s = extractAppSample(parseExposition(text, { format: 'text' }), {
      custom: ['q', 'done_total', 'missing'],
    });
    expect(s.custom).toEqual({ q: { value: 7, counter: false }, done_total: { value: 9, counter: true } });
  });

  it('lists every family it may read, counters with and without _total', () => {
    const wanted = wantedFamilies({ requestsTotal: 'api_calls_total', custom: ['jobs'] });
    for (const n of ['api_calls_total', 'api_calls', 'jobs', 'jobs_total', 'http_request_duration_seconds']) {
      expect(wanted.has(n)).toBe(true);
    }
    expect(wanted.has('process_cpu_seconds_total')).toBe(false);
  });
});
