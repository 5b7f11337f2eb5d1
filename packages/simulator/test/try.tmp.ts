import { writeFileSync } from 'node:fs';
import { loadConfigOrThrow } from '@governor/config';
import { formatScorecardTable, loadTraceFile, renderHtmlReport, simulate } from '../src/index.js';

const config = loadConfigOrThrow(process.argv[2] ?? 'test/fixtures/policy.cpu-target.yaml');
const trace = await loadTraceFile(process.argv[3] ?? '/work/shared/traces/twitter_stream_2021-08_10s.csv');
const t0 = performance.now();
const r = await simulate({
  config,
  trace,
  peakMachines: Number(process.argv[4] ?? 20),
  onProgress: (p, d, t) => {
    if (d === t) console.error(p, 'done', Math.round(performance.now() - t0));
  },
});
console.log(formatScorecardTable(r.scorecards));
writeFileSync('/tmp/sim-report.html', renderHtmlReport(r));
