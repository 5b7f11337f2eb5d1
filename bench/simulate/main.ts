/**
 * Simulation benchmark: replays a load trace against the shipped default
 * policy (examples/governor.yaml's app) and the `hpa-default` baseline in the
 * same run, prints both scorecards, the SLO-violation share of each, and as
 * its last line `machine-seconds-vs-hpa: N.NN` (policy / hpa-default).
 *
 *   pnpm bench:simulate [--trace FILE.csv] [--config FILE.yaml] [--app NAME]
 *                       [--peak-machines N] [--max N]
 *                       [--concurrency N] [--service-time MS] [--service-variability CS2] [--queue-limit N]
 *
 * Defaults: the shared trace (../shared/traces/twitter_stream_2021-08_10s.csv
 * relative to the repo root), examples/governor.yaml, its only app, the trace
 * rescaled so its peak needs the app's max machines, the simulator's default
 * machine (the demo app's: 2 slots x 50 ms, 64 waiting).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigOrThrow } from '@governor/config';
import {
  formatScorecardTable,
  loadTraceFile,
  type MachineModel,
  pickApp,
  simulate,
} from '@governor/simulator';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    trace: {
      type: 'string',
      default: resolve(root, '..', 'shared', 'traces', 'twitter_stream_2021-08_10s.csv'),
    },
    config: { type: 'string', default: resolve(root, 'examples', 'governor.yaml') },
    app: { type: 'string' },
    'peak-machines': { type: 'string' },
    max: { type: 'string' },
    concurrency: { type: 'string' },
    'service-time': { type: 'string' },
    'service-variability': { type: 'string' },
    'queue-limit': { type: 'string' },
  },
});

const positiveInt = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`--${name} must be a whole number > 0\n`);
    process.exit(2);
  }
  return n;
};

const nonNegative = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`--${name} must be a number >= 0\n`);
    process.exit(2);
  }
  return n;
};

// pnpm runs the script in bench/; paths on the command line are relative to where it was invoked.
const fromCwd = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);
const loaded = loadConfigOrThrow(fromCwd(values.config ?? ''), { checkEnv: false });
const app = pickApp(loaded, values.app);
const max = positiveInt('max', values.max);
const config =
  max === undefined
    ? loaded
    : { ...loaded, apps: loaded.apps.map((a) => (a.name === app.name ? { ...a, max } : a)) };
const peakMachines = positiveInt('peak-machines', values['peak-machines']) ?? max ?? app.max;
const trace = await loadTraceFile(fromCwd(values.trace ?? ''));

const modelFlags: Partial<MachineModel> = {
  concurrency: positiveInt('concurrency', values.concurrency),
  serviceTime: nonNegative('service-time', values['service-time']),
  serviceVariability: nonNegative('service-variability', values['service-variability']),
  queueLimit: nonNegative('queue-limit', values['queue-limit']),
};
const model = Object.fromEntries(
  Object.entries(modelFlags).filter(([, v]) => v !== undefined),
) as Partial<MachineModel>;

const started = performance.now();
let lastLine = '';
const result = await simulate({
  config,
  app: app.name,
  trace,
  peakMachines,
  model,
  baselines: ['hpa-default'],
  onProgress: (policy, done, total) => {
    const line = `${policy} ${Math.floor((done / total) * 10) * 10}%`;
    if (line !== lastLine) process.stderr.write(`simulate: ${line}\n`);
    lastLine = line;
  },
});
const seconds = (performance.now() - started) / 1000;

const policy = result.scorecards.find((c) => c.kind === 'policy');
const hpa = result.scorecards.find((c) => c.policy === 'hpa-default');
if (!policy || !hpa) throw new Error('the simulation did not score both the policy and hpa-default');

const pct = (x: number) => `${(x * 100).toFixed(3)}%`;
process.stdout.write(
  `trace: ${values.trace} (${result.trace.rows} rows, ${result.trace.maskedRows} masked), peak needs ${peakMachines} machines ` +
    `(scale x${result.trace.scale.toFixed(4)}), app ${result.app} max ${config.apps.find((a) => a.name === app.name)?.max}, ` +
    `SLO P${Math.round(result.slo.quantile * 100)} <= ${result.slo.ms} ms, ${result.tickMs / 1000} s ticks, ` +
    `${result.windowMs / 1000} s collector window, machine ${result.model.concurrency} slots x ${result.model.serviceTime} ms ` +
    `(cs2 ${result.model.serviceVariability}, ${result.model.queueLimit} waiting, ${result.perMachineRps.toFixed(1)} req/s within the SLO), ` +
    `${seconds.toFixed(1)} s for ${result.scorecards.length} policies\n\n`,
);
process.stdout.write(`${formatScorecardTable(result.scorecards)}\n\n`);
process.stdout.write(
  `slo-violation-share: ${policy.policy} ${pct(policy.sloViolationShare)} of time, ${pct(policy.sloViolationMinuteShare)} of minutes; ` +
    `hpa-default ${pct(hpa.sloViolationShare)} of time, ${pct(hpa.sloViolationMinuteShare)} of minutes\n`,
);
process.stdout.write(`machine-seconds-vs-hpa: ${(policy.machineSeconds / hpa.machineSeconds).toFixed(2)}\n`);
