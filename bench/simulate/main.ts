/**
 * Simulation benchmark: the yardstick for scaling decisions. Replays each
 * trace against the shipped policy (examples/governor.yaml's app) on two
 * machine models (the demo app's, and a roomier one with exponential service
 * times), each with hpa-default, the oracle and HPA's frontier (hpa-default at
 * CPU 40%..90%) in the same run, rescaled so the trace's peak needs the app's
 * max machines. Prints every scorecard and frontier, one line of figures per
 * run, the simulator's speed (one policy on the first trace in 60 s bins), and
 * last these lines, each the worst over all runs:
 *
 *   cost-vs-oracle: N.NN                 policy machine-seconds / oracle's
 *   scale-changes-per-hour-vs-hpa: N.NN  policy scale changes per hour / hpa-default's
 *   slo-violation-minutes: N.NN%         policy's share of minutes violating the SLO
 *   iso-slo-cost-vs-hpa: N.NN            policy machine-seconds / HPA's frontier's at the same minute share
 *
 *   pnpm bench:simulate [--trace FILE.csv ...] [--model demo|roomy ...] [--config FILE.yaml] [--app NAME]
 *                       [--peak-machines N] [--max N] [--speed-runs N]
 *
 * Defaults: the shared trace (../shared/traces/twitter_stream_2021-08_10s.csv
 * relative to the repository's main checkout), examples/governor.yaml, its only app,
 * both models, peak = the app's max, 3 speed runs. Progress goes to stderr.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigOrThrow } from '@governor/config';
import {
  formatFrontierTable,
  formatScorecardTable,
  loadTraceFile,
  pickApp,
  simulate,
} from '@governor/simulator';
import { BENCH_MODELS, describeModel } from './machine-models.js';
import { formatReactiveIdeal, formatRunFigures, type RunFigures, runFigures, worstLines } from './summary.js';
import { rebin, type Speed, simulatedSecondsPerWallSecond } from './throughput.js';

const root = resolve(import.meta.dirname, '..', '..');
const SHARED_TRACE = ['shared', 'traces', 'twitter_stream_2021-08_10s.csv'];

/** The shared trace beside the checkout, or beside the main checkout when this is a git worktree. */
function defaultTrace(): string {
  const beside = resolve(root, '..', ...SHARED_TRACE);
  if (existsSync(beside)) return beside;
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    return resolve(common, '..', '..', ...SHARED_TRACE);
  } catch {
    return beside;
  }
}

const { values } = parseArgs({
  options: {
    trace: { type: 'string', multiple: true },
    model: { type: 'string', multiple: true },
    config: { type: 'string', default: resolve(root, 'examples', 'governor.yaml') },
    app: { type: 'string' },
    'peak-machines': { type: 'string' },
    max: { type: 'string' },
    'speed-runs': { type: 'string', default: '3' },
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

// pnpm runs the script in bench/; paths on the command line are relative to where it was invoked.
const fromCwd = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);
const loaded = loadConfigOrThrow(fromCwd(values.config ?? ''), { checkEnv: false });
const app = pickApp(loaded, values.app);
const max = positiveInt('max', values.max);
const config =
  max === undefined
    ? loaded
    : { ...loaded, apps: loaded.apps.map((a) => (a.name === app.name ? { ...a, max } : a)) };
const appMax = max ?? app.max;
const peakMachines = positiveInt('peak-machines', values['peak-machines']) ?? appMax;
const speedRuns = positiveInt('speed-runs', values['speed-runs']) ?? 3;
const tracePaths = values.trace?.map(fromCwd) ?? [defaultTrace()];
const models = values.model
  ? values.model.map((name) => {
      const m = BENCH_MODELS.find((b) => b.name === name);
      if (!m) {
        process.stderr.write(`--model must be one of ${BENCH_MODELS.map((b) => b.name).join(', ')}\n`);
        process.exit(2);
      }
      return m;
    })
  : BENCH_MODELS;

/**
 * The config with the app's latency targets held to `sloMs`: the policy is
 * scored against the model's SLO, so it is given that SLO, as a user of that
 * machine would write it down.
 */
function heldToSlo(c: typeof config, name: string, sloMs: number): typeof config {
  return {
    ...c,
    apps: c.apps.map((a) =>
      a.name === name
        ? { ...a, targets: a.targets.map((t) => (t.type === 'latency' ? { ...t, slo: sloMs } : t)) }
        : a,
    ),
  };
}

const out = (s: string) => process.stdout.write(`${s}\n`);
const figures: RunFigures[] = [];
let firstTrace: Awaited<ReturnType<typeof loadTraceFile>> | undefined;
for (const path of tracePaths) {
  const trace = await loadTraceFile(path);
  firstTrace ??= trace;
  for (const model of models) {
    const label = tracePaths.length > 1 ? `${model.name} on ${path}` : model.name;
    let last = '';
    const started = performance.now();
    const result = await simulate({
      config: heldToSlo(config, app.name, model.sloMs),
      app: app.name,
      trace,
      peakMachines,
      model: model.machine,
      slo: model.sloMs,
      quantile: 'p99',
      baselines: ['hpa-default', 'oracle', 'hpa-frontier', 'reactive-ideal'],
      onProgress: (policy, done, total) => {
        const line = `simulate: ${label}: ${policy} ${Math.floor((done / total) * 10) * 10}%`;
        if (line !== last) process.stderr.write(`${line}\n`);
        last = line;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    out(
      `== ${describeModel(model)} (${result.perMachineRps.toFixed(1)} req/s per machine within the SLO)\n` +
        `trace: ${path} (${result.trace.rows} rows of ${result.trace.stepSeconds} s, ${result.trace.maskedRows} masked), ` +
        `peak needs ${peakMachines} machines (scale x${result.trace.scale.toFixed(4)}), app ${result.app} max ${appMax}, ` +
        `${result.tickMs / 1000} s ticks, ${result.windowMs / 1000} s collector window, ` +
        `${(seconds).toFixed(1)} s for ${result.scorecards.length + (result.hpaFrontier?.length ?? 1) - 1 + (result.reactiveIdeal?.length ?? 0)} policies\n`,
    );
    out(`${formatScorecardTable(result.scorecards)}\n`);
    out(`hpa-frontier:\n${formatFrontierTable(result.hpaFrontier ?? [])}\n`);
    const bound = formatReactiveIdeal(result);
    if (bound !== undefined) out(`${bound}\n`);
    const f = runFigures(label, result);
    figures.push(f);
    out(`${formatRunFigures(f)}\n`);
  }
}

if (firstTrace) {
  const sixty = rebin(firstTrace, 60);
  process.stderr.write(
    `simulate: speed, ${app.name} alone on ${sixty.rps.length} rows of 60 s, ${speedRuns} runs\n`,
  );
  const speeds = await simulatedSecondsPerWallSecond(config, app.name, sixty, peakMachines, speedRuns);
  const k = (x: number) => `${Math.round(x / 1000)}k`;
  const best = (pick: (s: Speed) => number) => k(Math.max(...speeds.map(pick)));
  out(
    `simulated-seconds-per-wall-second: ${best((s) => s.wall)} (one policy, demo machine, the first trace in 60 s bins; ` +
      `best of ${speeds.length} runs: ${speeds.map((s) => k(s.wall)).join(', ')}; per CPU second ${best((s) => s.cpu)})`,
  );
}
for (const line of worstLines(figures)) out(line);
