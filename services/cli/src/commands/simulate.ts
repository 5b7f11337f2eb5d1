import { writeFileSync } from 'node:fs';
import { formatIssue, type GovernorConfig, loadConfigFile } from '@governor/config';
import { GovernorError } from '@governor/errors';
import {
  ALL_BASELINES,
  BASELINES,
  type BaselineName,
  DEFAULT_MACHINE_MODEL,
  DEFAULT_MIN_ZERO_RUN,
  formatFrontierTable,
  formatScorecardTable,
  loadTraceFile,
  type MachineModel,
  renderHtmlReport,
  type SimulationResult,
  simulate,
} from '@governor/simulator';
import { type Command, InvalidArgumentError, Option } from 'commander';

/** Options of `governor simulate`, as commander parses them. */
export interface SimulateCommandOptions {
  trace: string;
  config: string;
  app?: string;
  peakMachines?: number;
  max?: number;
  json: boolean;
  series: boolean;
  html?: string;
  slo?: number;
  tick?: number;
  start?: number;
  baselines: BaselineName[];
  frontier: boolean;
  minZeroRun: number;
  concurrency: number;
  serviceTime: number;
  serviceVariability: number;
  queueLimit: number;
  bootTime: number;
  startTime: number;
  resumeTime: number;
  stopTime: number;
  progress: boolean;
  regionSplit?: Record<string, number>;
}

const positive = (name: string) => (raw: string) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number > 0`);
  return n;
};
const nonNegative = (name: string) => (raw: string) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number >= 0`);
  return n;
};
const seconds = (name: string) => (raw: string) => nonNegative(name)(raw) * 1000;
const positiveSeconds = (name: string) => (raw: string) => positive(name)(raw) * 1000;
const integer = (name: string) => (raw: string) => {
  const n = positive(name)(raw);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be a whole number`);
  return n;
};
const baselineList = (raw: string): BaselineName[] => {
  if (raw === 'none') return [];
  const names = raw.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!ALL_BASELINES.includes(n as BaselineName)) {
      throw new InvalidArgumentError(
        `unknown baseline ${n} (choose from ${ALL_BASELINES.join(', ')}, or none)`,
      );
    }
  }
  return names as BaselineName[];
};
const regionSplit = (raw: string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const part of raw.split(',')) {
    const [name, share] = part.split('=').map((s) => s.trim());
    const n = Number(share);
    if (!name || !Number.isFinite(n) || n < 0) {
      throw new InvalidArgumentError('--region-split takes region=share pairs, e.g. ams=2,iad=1');
    }
    out[name] = n;
  }
  return out;
};
const isoTime = (raw: string) => {
  const t = Date.parse(raw);
  if (!Number.isFinite(t))
    throw new InvalidArgumentError('--start must be an ISO 8601 time, e.g. 2021-08-01T00:00:00Z');
  return t;
};

/** A stderr progress reporter: a bar redrawn in place on a TTY, a line per 10% otherwise. */
export function progressReporter(
  stream: NodeJS.WriteStream = process.stderr,
): (policy: string, done: number, total: number) => void {
  let lastDecile = -1;
  let lastPolicy = '';
  return (policy, done, total) => {
    const share = total > 0 ? done / total : 1;
    if (stream.isTTY) {
      const width = 30;
      const full = Math.round(share * width);
      stream.write(
        `\r${policy.padEnd(16)} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(share * 100).toFixed(0).padStart(3)}%`,
      );
      if (done >= total) stream.write('\n');
      return;
    }
    const decile = Math.floor(share * 10);
    if (policy !== lastPolicy) lastDecile = -1;
    lastPolicy = policy;
    if (decile !== lastDecile) {
      lastDecile = decile;
      stream.write(`simulate: ${policy} ${decile * 10}%\n`);
    }
  };
}

/**
 * A warning when the trace's peak needs more machines at the SLO than the
 * app may run: then every policy, the oracle too, violates the SLO at the peak.
 */
function peakAboveMax(
  result: { app: string; trace: { peakRps: number }; perMachineRps: number },
  config: GovernorConfig,
): string | undefined {
  const max = config.apps.find((a) => a.name === result.app)?.max;
  if (max === undefined || !(result.perMachineRps > 0)) return undefined;
  const needed = Math.ceil(result.trace.peakRps / result.perMachineRps);
  if (needed <= max) return undefined;
  return (
    `warning: the trace's peak (${result.trace.peakRps.toFixed(1)} req/s) needs ${needed} machines at the SLO ` +
    `but the app's max is ${max}: every policy, the oracle too, violates the SLO at the peak (try --max ${needed})\n`
  );
}

/** Applies `--max` to the chosen app (a what-if on the policy's upper bound). */
function withMax(config: GovernorConfig, app: string | undefined, max: number | undefined): GovernorConfig {
  if (max === undefined) return config;
  const name = app ?? (config.apps.length === 1 ? config.apps[0]?.name : undefined);
  return {
    ...config,
    apps: config.apps.map((a) => (a.name === name ? { ...a, max: Math.max(max, a.min) } : a)),
  };
}

/** The result as `--json` prints it: everything but the chart series unless asked. */
export function jsonView(result: SimulationResult, series: boolean): unknown {
  if (series) return result;
  const { series: _s, zoom: _z, ...rest } = result;
  return rest;
}

/** Registers `governor simulate`. */
export function registerSimulateCommand(program: Command): void {
  const d = DEFAULT_MACHINE_MODEL;
  program
    .command('simulate')
    .description(
      "Replay a recorded load trace against an app's scaling policy before shipping it. A discrete-time " +
        'fleet simulator drives the real decision code and the real reconciler on a fake provider (boot, ' +
        'start, resume and stop times), serves the load with a queueing model (P50/P90/P99 per tick, ' +
        'errors on overload) and scores the policy next to three baselines computed in the same run: ' +
        'hpa-default (Kubernetes HPA defaults), fly-autoscaler (instant, no stabilization) and oracle ' +
        '(knows the future), and with --frontier HPA at every CPU target from 40% to 90% (`--baselines ...,reactive-ideal` adds the ideal fleet one tick late per scale-down hold). Prints the scorecard (SLO-violation time, machine-seconds, under/over-' +
        'provisioning, scaling actions per hour, reaction time after load steps). Trace format: CSV ' +
        '`t_seconds,requests_per_second`; empty, `mask` or `NaN` values and runs of exact zeros lasting ' +
        `--min-zero-run seconds are missing data: simulated with interpolated load, never scored. ` +
        'See docs/simulate.md. Exits 0 when the simulation ran, 1 on an invalid config or trace, 2 on a usage error.',
    )
    .requiredOption('--trace <file.csv>', 'load trace, `t_seconds,requests_per_second` per row')
    .requiredOption('--config <file.yaml>', 'Governor config holding the policy (secrets need not be set)')
    .option('--app <name>', "app to simulate (default: the config's only app)")
    .option(
      '--peak-machines <n>',
      'rescale the trace so its peak needs n machines at the SLO (default: no rescaling)',
      integer('--peak-machines'),
    )
    .option('--max <n>', "what-if: override the app's max machines (default: the policy's)", integer('--max'))
    .option('--json', 'print the result as JSON (fields in docs/simulate.md) instead of a table', false)
    .option(
      '--series',
      'with --json, include the downsampled chart series (`series`, and `zoom`: one day around the peak)',
      false,
    )
    .option('--html <report.html>', 'write a self-contained HTML report (charts + scorecard)')
    .option(
      '--slo <ms>',
      "latency SLO in ms (default: the app's effective SLO, alerts.slo else its latency target's, else 500)",
      positive('--slo'),
    )
    .option('--tick <seconds>', 'decision interval (default: daemon.tickInterval)', positiveSeconds('--tick'))
    .option(
      '--start <iso-time>',
      'wall-clock time of the trace start, for schedules and seasons (default 1970-01-01T00:00:00Z)',
      isoTime,
    )
    .addOption(
      new Option('--baselines <list>', 'comma-separated baselines to score, or none')
        .argParser(baselineList)
        .default([...BASELINES], BASELINES.join(',')),
    )
    .option(
      '--frontier',
      'also run the hpa-frontier baseline: hpa-default at CPU targets 40%, 45%, ..., 90%. Adds `hpaFrontier` ' +
        "(each target's machine-seconds and share of minutes violating the SLO) and, to each scorecard, " +
        '`isoSloCostVsHpa`: its machine-seconds over the fewest with which HPA violates the SLO in no more ' +
        'minutes (interpolated between neighbouring targets; `beyondFrontier` when no target violates as ' +
        'little). About 10 more simulations of hpa-default',
      false,
    )
    .option(
      '--region-split <list>',
      "share of the load per region, e.g. ams=2,iad=1 (default: the app's region weights, else one region)",
      regionSplit,
    )
    .option(
      '--min-zero-run <seconds>',
      'runs of exact zeros at least this long are data gaps; 0 disables',
      nonNegative('--min-zero-run'),
      DEFAULT_MIN_ZERO_RUN,
    )
    .option('--concurrency <n>', 'requests a machine serves at once', integer('--concurrency'), d.concurrency)
    .option('--service-time <ms>', 'time to serve one request', positive('--service-time'), d.serviceTime)
    .option(
      '--service-variability <cs2>',
      'squared coefficient of variation of the service time (0 fixed, 1 exponential)',
      nonNegative('--service-variability'),
      d.serviceVariability,
    )
    .option(
      '--queue-limit <n>',
      'requests that may wait per machine before failing',
      nonNegative('--queue-limit'),
      d.queueLimit,
    )
    .addOption(
      new Option('--boot-time <seconds>', 'create -> ready')
        .argParser(seconds('--boot-time'))
        .default(d.bootTime, String(d.bootTime / 1000)),
    )
    .addOption(
      new Option('--start-time <seconds>', 'stopped -> ready')
        .argParser(seconds('--start-time'))
        .default(d.startTime, String(d.startTime / 1000)),
    )
    .addOption(
      new Option('--resume-time <seconds>', 'suspended -> ready')
        .argParser(seconds('--resume-time'))
        .default(d.resumeTime, String(d.resumeTime / 1000)),
    )
    .addOption(
      new Option('--stop-time <seconds>', 'started -> stopped')
        .argParser(seconds('--stop-time'))
        .default(d.stopTime, String(d.stopTime / 1000)),
    )
    .option('--no-progress', 'do not report progress on stderr')
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : 2);
    })
    .action(async (o: SimulateCommandOptions) => {
      const loaded = loadConfigFile(o.config, { checkEnv: false });
      if (!loaded.ok) {
        process.stderr.write(`${loaded.issues.map(formatIssue).join('\n')}\n`);
        process.exitCode = 1;
        return;
      }
      const model: MachineModel = {
        concurrency: o.concurrency,
        serviceTime: o.serviceTime,
        serviceVariability: o.serviceVariability,
        queueLimit: o.queueLimit,
        bootTime: o.bootTime,
        startTime: o.startTime,
        resumeTime: o.resumeTime,
        stopTime: o.stopTime,
      };
      try {
        const trace = await loadTraceFile(o.trace, { minZeroRun: o.minZeroRun });
        const result = await simulate({
          config: withMax(loaded.config, o.app, o.max),
          trace,
          model,
          baselines:
            o.frontier && !o.baselines.includes('hpa-frontier')
              ? [...o.baselines, 'hpa-frontier']
              : o.baselines,
          ...(o.app !== undefined && { app: o.app }),
          ...(o.peakMachines !== undefined && { peakMachines: o.peakMachines }),
          ...(o.slo !== undefined && { slo: o.slo }),
          ...(o.tick !== undefined && { tick: o.tick }),
          ...(o.start !== undefined && { epoch: o.start }),
          ...(o.regionSplit !== undefined && { regionSplit: o.regionSplit }),
          ...(o.progress && { onProgress: progressReporter() }),
        });
        if (o.html !== undefined) writeFileSync(o.html, renderHtmlReport(result));
        const capWarning = peakAboveMax(result, withMax(loaded.config, o.app, o.max));
        if (o.json) {
          process.stdout.write(`${JSON.stringify(jsonView(result, o.series), null, 2)}\n`);
        } else {
          process.stdout.write(
            `${result.app}: ${result.trace.rows} rows of ${result.trace.stepSeconds} s (${result.trace.maskedRows} masked, not scored), ` +
              `scale x${result.trace.scale.toFixed(4)}, SLO P${Math.round(result.slo.quantile * 100)} <= ${result.slo.ms} ms, ` +
              `${result.perMachineRps.toFixed(1)} req/s per machine within it\n\n${formatScorecardTable(result.scorecards)}\n`,
          );
          if (result.hpaFrontier) {
            process.stdout.write(
              `\nhpa-frontier (hpa-default per CPU target; * above: no target violates as little):\n${formatFrontierTable(result.hpaFrontier)}\n`,
            );
          }
          if (result.reactiveIdeal) {
            const oracle = result.scorecards.find((c) => c.policy === 'oracle');
            const rows = result.reactiveIdeal.map(
              (p) =>
                `  hold ${`${p.holdSeconds}s`.padStart(6)}  machine-s ${Math.round(p.machineSeconds).toLocaleString('en-US').padStart(12)}` +
                (oracle ? `  vs oracle ${(p.machineSeconds / oracle.machineSeconds).toFixed(2)}` : '') +
                `  viol. % min ${(p.sloViolationMinuteShare * 100).toFixed(2)}%`,
            );
            process.stdout.write(
              `\nreactive-ideal (the ideal fleet one tick late from a warm pool, per scale-down hold):\n${rows.join('\n')}\n`,
            );
          }
          if (o.html !== undefined) process.stderr.write(`wrote ${o.html}\n`);
        }
        if (capWarning !== undefined) process.stderr.write(capWarning);
      } catch (error) {
        if (!(error instanceof GovernorError)) throw error;
        process.stderr.write(`${error.code}: ${error.message}\n`);
        process.exitCode = 1;
      }
    });
}
