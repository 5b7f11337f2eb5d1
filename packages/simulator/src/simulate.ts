import type { AppConfig, GovernorConfig, LatencyQuantile } from '@governor/config';
import { GovernorError } from '@governor/errors';
import { DEFAULT_MACHINE_MODEL, type MachineModel } from './model/machine-model.js';
import { maxRpsWithin } from './model/queue-latency.js';
import { BASELINES, type BaselineName, flyAutoscalerPolicy, hpaDefaultPolicy } from './policies/baselines.js';
import { type Controller, decideController } from './run/controller.js';
import { runHpaFrontier } from './run/hpa-frontier.js';
import { oracleController } from './run/oracle-controller.js';
import { type ReactiveIdealPoint, runReactiveIdeal } from './run/reactive-ideal.js';
import { regionSplit } from './run/region-split.js';
import { type ProgressFn, runController, type SeriesWindow } from './run/run-controller.js';
import type { PolicySeries, SimulationSeries } from './run/series.js';
import { sharedSeries, zoomWindow } from './run/shared-series.js';
import { prepareSimulation, type SimulationSetup } from './run/simulation-setup.js';
import type { FrontierPoint } from './score/iso-slo-cost.js';
import { withRelativeCosts } from './score/relative-cost.js';
import type { Scorecard } from './score/scorecard.js';
import { maskedCount, peakRps, scaleTrace, type Trace } from './trace/trace.js';

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** The validated config holding the policy. */
  readonly config: GovernorConfig;
  /** App to simulate. Default: the config's only app (required when there are several). */
  readonly app?: string;
  readonly trace: Trace;
  /** Machine capacity and lifecycle times. Default {@link DEFAULT_MACHINE_MODEL}. */
  readonly model?: Partial<MachineModel>;
  /**
   * SLO in ms. Default: the app's effective SLO (`AppConfig.slo`: `alerts.slo`,
   * else the latency target's), else 500. The quantile likewise defaults to
   * the effective SLO's, else p99.
   */
  readonly slo?: number;
  readonly quantile?: LatencyQuantile;
  /** Rescale the trace so its peak needs this many machines (at the SLO). Default: no rescaling. */
  readonly peakMachines?: number;
  /** Decision interval (ms). Default `daemon.tickInterval`. */
  readonly tick?: number;
  /** Collector window (ms). Default `collector.window`. */
  readonly window?: number;
  /** Share of the load per region. Default: the app's region weights, else one region. */
  readonly regionSplit?: Readonly<Record<string, number>>;
  /** Wall-clock time (ms since epoch) of the trace start. Default 0. */
  readonly epoch?: number;
  /**
   * Baselines to score too. Default hpa-default, fly-autoscaler, oracle;
   * `hpa-frontier` (hpa-default at CPU targets 40%..90%) is opt-in.
   */
  readonly baselines?: readonly BaselineName[];
  /**
   * Points per whole-trace chart series. Default 500 (about two pixels each
   * in the report, where each point is drawn as its min..max band).
   */
  readonly points?: number;
  /** Called with the policy name, ticks done and total, about 100 times per policy. */
  readonly onProgress?: (policy: string, done: number, total: number) => void;
}

/** Everything a simulation produced; `governor simulate --json` prints it (without `series` unless asked). */
export interface SimulationResult {
  readonly version: 1;
  readonly app: string;
  readonly trace: {
    readonly rows: number;
    readonly stepSeconds: number;
    readonly maskedRows: number;
    /** Factor applied to the trace's rates (1 unless `peakMachines`). */
    readonly scale: number;
    readonly peakRps: number;
  };
  readonly model: MachineModel;
  readonly slo: { readonly ms: number; readonly quantile: number };
  /** Highest rate one machine takes within the SLO (defines the ideal count). */
  readonly perMachineRps: number;
  readonly tickMs: number;
  readonly windowMs: number;
  readonly regions: Readonly<Record<string, number>>;
  /** The policy first, then the baselines. */
  readonly scorecards: readonly Scorecard[];
  /** hpa-default at each CPU target, in target order (present with the `hpa-frontier` baseline). */
  readonly hpaFrontier?: readonly FrontierPoint[];
  /** The ideal fleet one tick late, per scale-down hold (present with the `reactive-ideal` baseline). */
  readonly reactiveIdeal?: readonly ReactiveIdealPoint[];
  /** Chart series over the whole trace. */
  readonly series: ChartSeriesSet;
  /** The same over one day around the trace's peak (absent when the trace is a day or shorter). */
  readonly zoom?: ChartSeriesSet;
}

/** Shared and per-policy chart series over one stretch of the trace. */
export type ChartSeriesSet = SimulationSeries & { readonly policies: Readonly<Record<string, PolicySeries>> };

/** Points of the one-day zoom series: one per minute with 5 s ticks. */
const ZOOM_POINTS = 1440;

const QUANTILES: Record<LatencyQuantile, number> = { p50: 0.5, p90: 0.9, p99: 0.99 };

/** Picks the app to simulate from a config. */
export function pickApp(config: GovernorConfig, name?: string): AppConfig {
  const app =
    name === undefined && config.apps.length === 1
      ? config.apps[0]
      : config.apps.find((a) => a.name === name);
  if (!app) {
    const names = config.apps.map((a) => a.name).join(', ');
    throw new GovernorError(
      'GOV_CLI_SIMULATE_INPUT',
      name === undefined
        ? `the config has several apps (${names}); pick one`
        : `no app ${name} in the config (apps: ${names})`,
      { details: { app: name } },
    );
  }
  return app;
}

/** Replays a trace against an app's policy and the baselines; see docs/simulate.md. */
export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
  const app = pickApp(options.config, options.app);
  const model: MachineModel = { ...DEFAULT_MACHINE_MODEL, ...options.model };
  const sloMs = options.slo ?? app.slo?.ms ?? 500;
  const quantile = QUANTILES[options.quantile ?? app.slo?.quantile ?? 'p99'];
  const { regions, split } = regionSplit(options.config, app, options.regionSplit);
  const base = {
    app: app.name,
    model,
    slo: sloMs / 1000,
    quantile,
    dt: options.tick ?? options.config.daemon.tickInterval,
    window: options.window ?? options.config.collector.window,
    regions,
    split,
    epoch: options.epoch ?? 0,
  };
  let trace = options.trace;
  let scale = 1;
  if (options.peakMachines !== undefined) {
    const peak = peakRps(trace);
    if (!(options.peakMachines > 0) || !(peak > 0)) {
      throw new GovernorError(
        'GOV_CLI_SIMULATE_INPUT',
        'peak machines must be positive and the trace must have load',
        {
          details: { peakMachines: options.peakMachines, peak },
        },
      );
    }
    scale = (options.peakMachines * maxRpsWithin(model, base.slo, quantile) * 0.999) / peak;
    trace = scaleTrace(trace, scale);
  }
  const setup = prepareSimulation({ ...base, trace });
  const points = Math.max(10, options.points ?? 500);
  const full: SeriesWindow = {
    start: 0,
    end: setup.ticks,
    ticksPerPoint: Math.max(1, Math.ceil(setup.ticks / points)),
  };
  const zoom = zoomWindow(setup, ZOOM_POINTS);
  const windows = zoom ? [full, zoom] : [full];
  const baselines = options.baselines ?? BASELINES;
  const controllers = buildControllers(setup, app, baselines);
  const scorecards: Scorecard[] = [];
  const policies: Record<string, PolicySeries>[] = windows.map(() => ({}));
  for (const c of controllers) {
    const progress: ProgressFn | undefined = options.onProgress
      ? (d, t) => options.onProgress?.(c.name, d, t)
      : undefined;
    const run = await runController(setup, c, windows, progress);
    scorecards.push(run.scorecard);
    run.series.forEach((s, i) => {
      const into = policies[i];
      if (into) into[c.name] = s;
    });
  }
  const frontier = baselines.includes('hpa-frontier')
    ? await runHpaFrontier(
        setup,
        app,
        scorecards.find((c) => c.policy === 'hpa-default' && c.kind === 'baseline'),
        options.onProgress,
      )
    : undefined;
  const reactiveIdeal = baselines.includes('reactive-ideal')
    ? await runReactiveIdeal(setup, app, options.onProgress)
    : undefined;
  return {
    version: 1,
    app: app.name,
    trace: {
      rows: trace.rps.length,
      stepSeconds: trace.step,
      maskedRows: maskedCount(trace),
      scale,
      peakRps: peakRps(trace),
    },
    model,
    slo: { ms: sloMs, quantile },
    perMachineRps: setup.perMachine,
    tickMs: setup.dt,
    windowMs: setup.window,
    regions: Object.fromEntries(regions.map((r, i) => [r, setup.split[i] ?? 0])),
    scorecards: withRelativeCosts(scorecards, frontier),
    ...(frontier && { hpaFrontier: frontier }),
    ...(reactiveIdeal && { reactiveIdeal }),
    series: { ...sharedSeries(setup, full), policies: policies[0] ?? {} },
    ...(zoom && { zoom: { ...sharedSeries(setup, zoom), policies: policies[1] ?? {} } }),
  };
}

function buildControllers(
  setup: SimulationSetup,
  app: AppConfig,
  baselines: readonly BaselineName[],
): Controller[] {
  const { regions, split, epoch } = setup;
  const out: Controller[] = [decideController(app.name, 'policy', app, regions, split, epoch)];
  for (const b of baselines) {
    if (b === 'hpa-default')
      out.push(decideController(b, 'baseline', hpaDefaultPolicy(app), regions, split, epoch));
    if (b === 'fly-autoscaler')
      out.push(decideController(b, 'baseline', flyAutoscalerPolicy(app, setup.model), regions, split, epoch));
    if (b === 'oracle') {
      const lookahead = Math.ceil((setup.model.bootTime + setup.dt) / setup.dt);
      out.push(oracleController(regions, setup.ideal, lookahead, Math.max(1, app.min), app.max));
    }
  }
  return out;
}
