import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFromContentType, parseExposition } from '../../src/index.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');

describe('parseExposition (Prometheus text)', () => {
  const families = parseExposition(fixture('text/valid/docs-example.txt'), { format: 'text' });
  const byName = new Map(families.map((f) => [f.name, f]));

  it('groups families in exposition order with their metadata', () => {
    expect(families.map((f) => [f.name, f.type])).toEqual([
      ['http_requests_total', 'counter'],
      ['msdos_file_access_time_seconds', 'unknown'],
      ['metric_without_timestamp_and_labels', 'unknown'],
      ['something_weird', 'unknown'],
      ['http_request_duration_seconds', 'histogram'],
      ['rpc_duration_seconds', 'summary'],
    ]);
    expect(byName.get('http_requests_total')?.help).toBe('The total number of HTTP requests.');
  });

  it('keeps millisecond timestamps and unescapes label values', () => {
    expect(byName.get('http_requests_total')?.series[1]).toEqual({
      labels: { method: 'post', code: '400' },
      value: 3,
      timestamp: 1395066363000,
    });
    expect(byName.get('msdos_file_access_time_seconds')?.series[0]?.labels).toEqual({
      path: 'C:\\DIR\\FILE.TXT',
      error: 'Cannot find file:\n"FILE.TXT"',
    });
    expect(byName.get('something_weird')?.series[0]).toMatchObject({
      value: Number.POSITIVE_INFINITY,
      timestamp: -3982045,
    });
  });

  it('reassembles a histogram into cumulative buckets with count and sum', () => {
    expect(byName.get('http_request_duration_seconds')?.series).toEqual([
      {
        labels: {},
        buckets: [
          { le: 0.05, count: 24054 },
          { le: 0.1, count: 33444 },
          { le: 0.2, count: 100392 },
          { le: 0.5, count: 129389 },
          { le: 1, count: 133988 },
          { le: Number.POSITIVE_INFINITY, count: 144320 },
        ],
        sum: 53423,
        count: 144320,
      },
    ]);
  });

  it('reassembles a summary into quantiles with count and sum', () => {
    const s = byName.get('rpc_duration_seconds')?.series[0];
    expect(s?.quantiles?.map((q) => q.quantile)).toEqual([0.01, 0.05, 0.5, 0.9, 0.99]);
    expect(s?.quantiles?.[4]?.value).toBe(76656);
    expect(s?.count).toBe(2693);
    expect(s?.sum).toBe(1.7560473e7);
  });

  it('splits histograms with labels into one series per label set', () => {
    const [h] = parseExposition(fixture('text/valid/histogram-with-labels.txt'), { format: 'text' });
    expect(h?.series.map((s) => [s.labels, s.count, s.buckets?.length])).toEqual([
      [{ path: '/a' }, 2, 2],
      [{ path: '/b' }, 0, 2],
    ]);
  });
});

describe('parseExposition (OpenMetrics)', () => {
  it('names counters without _total and attaches _created and exemplars', () => {
    const text =
      '# TYPE a counter\na_total{x="1"} 5 # {trace="abc"} 1 1.5\na_created{x="1"} 1520430000.123\n# EOF\n';
    expect(parseExposition(text, { format: 'openmetrics' })).toEqual([
      {
        name: 'a',
        type: 'counter',
        series: [
          {
            labels: { x: '1' },
            value: 5,
            created: 1520430000123,
            exemplars: [{ labels: { trace: 'abc' }, value: 1, timestamp: 1500 }],
          },
        ],
      },
    ]);
  });

  it('converts second timestamps to milliseconds exactly', () => {
    const [f] = parseExposition(fixture('openmetrics/valid/timestamps.txt'), { format: 'openmetrics' });
    expect(f?.series.map((s) => s.timestamp)).toEqual([
      0,
      0,
      1100,
      Number('12345678901234567890123.456789'),
      1500000,
    ]);
  });

  it('attaches bucket exemplars with their bound and keeps units', () => {
    const [f] = parseExposition(fixture('openmetrics/valid/histogram-created.txt'), {
      format: 'openmetrics',
    });
    expect(f).toMatchObject({ name: 'a_seconds', unit: 'seconds', type: 'histogram' });
    const [g] = parseExposition(fixture('openmetrics/valid/histogram-exemplars.txt'), {
      format: 'openmetrics',
    });
    expect(g?.series[0]?.exemplars?.map((e) => [e.le, e.value])).toEqual([
      [1, 0.5],
      [2, 0.5],
      [Number.POSITIVE_INFINITY, 4],
    ]);
  });

  it('reports gauge histograms with _gcount and _gsum as count and sum', () => {
    const [f] = parseExposition(fixture('openmetrics/valid/gaugehistogram-negative-buckets.txt'), {
      format: 'openmetrics',
    });
    expect(f?.series[0]).toMatchObject({ count: 3, sum: -5 });
  });

  it('keeps stateset states as series and info labels', () => {
    const [s] = parseExposition(fixture('openmetrics/valid/simple-stateset.txt'), { format: 'openmetrics' });
    expect(s?.series).toEqual([
      { labels: { a: 'bar' }, value: 0 },
      { labels: { a: 'foo' }, value: 1 },
    ]);
    const [i] = parseExposition(fixture('openmetrics/valid/simple-info.txt'), { format: 'openmetrics' });
    expect(i?.series).toEqual([{ labels: { foo: 'bar' }, value: 1 }]);
  });

  it('splits a series with increasing timestamps into one point per timestamp', () => {
    const [f] = parseExposition(fixture('openmetrics/valid/histogram-timestamped-points.txt'), {
      format: 'openmetrics',
    });
    expect(f?.series.map((s) => [s.timestamp, s.count])).toEqual([
      [1000, 1],
      [2000, 2],
    ]);
  });

  it('unescapes help and label values, keeping unknown escapes as written', () => {
    const [f] = parseExposition(fixture('openmetrics/valid/help-escaping.txt'), { format: 'openmetrics' });
    expect(f?.help).toBe('he\n\\l\\tp');
    expect(f?.series.map((s) => s.labels.foo)).toEqual(['b"a\nr', 'b\\a\\z', 'b"a\nr # ', 'b\\a\\z # ']);
  });
});

describe('parseExposition with a family selection', () => {
  const text = fixture('text/valid/docs-example.txt');

  it('builds only the requested families', () => {
    const all = parseExposition(text, { format: 'text' });
    const some = parseExposition(text, {
      format: 'text',
      families: ['http_request_duration_seconds', 'rpc_duration_seconds'],
    });
    expect(some).toEqual(all.filter((f) => f.name.endsWith('_duration_seconds')));
  });

  it('skips the lines of other families without validating them', () => {
    const broken = 'other{bad 1\n# TYPE h histogram\nh_bucket{le="+Inf"} 1\n';
    expect(() => parseExposition(broken, { format: 'text' })).toThrow(/label/);
    expect(parseExposition(broken, { format: 'text', families: ['h'] })).toHaveLength(1);
  });

  it('still rejects interleaved or repeated families', () => {
    expect(() => parseExposition('a 1\nb 1\na 2\n', { format: 'text', families: ['b'] })).toThrow(
      /contiguous/,
    );
  });
});

describe('formatFromContentType', () => {
  it.each([
    [undefined, 'text'],
    ['text/plain; version=0.0.4; charset=utf-8', 'text'],
    ['application/openmetrics-text; version=1.0.0; charset=utf-8', 'openmetrics'],
    ['Application/OpenMetrics-Text', 'openmetrics'],
    ['application/json', 'text'],
  ] as const)('%s -> %s', (contentType, want) => {
    expect(formatFromContentType(contentType)).toBe(want);
  });
});
