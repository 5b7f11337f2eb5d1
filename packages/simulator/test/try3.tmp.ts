import { loadConfigOrThrow } from '@governor/config';
import { formatScorecardTable, loadTraceFile, simulate } from '../src/index.js';

const config = loadConfigOrThrow('test/fixtures/policy.cpu-target.yaml');
const trace = await loadTraceFile('/work/shared/traces/twitter_stream_2021-08_10s.csv');
const t0 = performance.now();
const r = await simulate({ config, trace, peakMachines: 20, baselines: [] });
console.log(formatScorecardTable(r.scorecards), performance.now() - t0);
