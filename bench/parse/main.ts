/**
 * bench:parse — parses a realistic ~200 KB Prometheus text scrape
 * (node-exporter-like host metrics plus an app's latency histograms and
 * request counters, generated from a fixed seed) with Governor's
 * `parseExposition` and with the npm package `parse-prometheus-text-format`
 * (the baseline), in the same process, warmed up, over interleaved rounds.
 * Times are CPU time of this process (robust on a shared machine); the median
 * round is reported. Also shows invalid input the baseline accepts and
 * Governor rejects. Prints `parse-speedup: N.NN` (baseline time / ours, full
 * parse) as the last line.
 */
import { ExpositionParseError, parseExposition } from '@governor/metrics';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { buildPayload } from './payload.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const PER_ROUND = Number(process.env.BENCH_ITERATIONS ?? 10);
const WARMUP = 30;
const SELECTED = ['http_request_duration_seconds', 'http_requests_total'];

const payload = buildPayload();
const bytes = Buffer.byteLength(payload);

const contenders: { name: string; run: () => unknown }[] = [
  { name: 'baseline parse-prometheus-text-format', run: () => parsePrometheusTextFormat(payload) },
  { name: 'governor parseExposition (full)', run: () => parseExposition(payload, { format: 'text' }) },
  {
    name: `governor parseExposition (selective: ${SELECTED.join(', ')})`,
    run: () => parseExposition(payload, { format: 'text', families: SELECTED }),
  },
];

function cpuMs(run: () => unknown, n: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const families = parseExposition(payload, { format: 'text' });
const series = families.reduce((n, f) => n + f.series.length, 0);
console.log(
  `payload: ${(bytes / 1024).toFixed(1)} KiB, ${payload.split('\n').length - 1} lines, ${families.length} families, ${series} series`,
);
/**
 * Measures contenders `indexes` in interleaved rounds (the order rotates each
 * round) after warming them up; returns the median ms per parse of each.
 */
function measure(indexes: number[]): Map<number, number> {
  for (const i of indexes) for (let k = 0; k < WARMUP; k++) contenders[i]?.run();
  const samples = new Map<number, number[]>(indexes.map((i) => [i, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < indexes.length; k++) {
      const i = indexes[(k + round) % indexes.length] as number;
      samples.get(i)?.push(cpuMs((contenders[i] as (typeof contenders)[number]).run, PER_ROUND));
    }
  }
  return new Map([...samples].map(([i, xs]) => [i, median(xs)]));
}

// The full parse and the selective path run in separate phases so that one
// does not skew the JIT's type feedback for the other (a collector uses one).
const full = measure([0, 1]);
const selected = measure([0, 2]);
const medians = [full.get(0) as number, full.get(1) as number, selected.get(2) as number];
const selectiveBaseline = selected.get(0) as number;
contenders.forEach((c, i) => {
  const ms = medians[i] as number;
  console.log(`${c.name}: ${ms.toFixed(3)} ms/parse, ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`);
});

// Strictness: inputs the baseline accepts that are not valid expositions.
const invalid: [string, string][] = [
  [
    'histogram buckets that decrease',
    '# TYPE h histogram\nh_bucket{le="1"} 5\nh_bucket{le="+Inf"} 3\nh_count 3\n',
  ],
  ['duplicate label name', 'm{a="1",a="2"} 1\n'],
  ['histogram without a +Inf bucket', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
  ['a family split by another family', 'a 1\nb 1\na 2\n'],
];
for (const [what, text] of invalid) {
  let baseline = 'accepts';
  try {
    parsePrometheusTextFormat(text);
  } catch {
    baseline = 'rejects';
  }
  let ours = 'accepts';
  try {
    parseExposition(text, { format: 'text' });
  } catch (e) {
    ours = e instanceof ExpositionParseError ? `rejects (${e.line}:${e.column}: ${e.reason})` : 'throws';
  }
  console.log(`invalid input, ${what}: baseline ${baseline}; governor ${ours}`);
}

const [base, ours, selective] = medians as [number, number, number];
console.log(`selective-speedup: ${(selectiveBaseline / selective).toFixed(2)}`);
console.log(`parse-speedup: ${(base / ours).toFixed(2)}`);
