import { type MetricSource, PrometheusSource, RedisSource, SidecarSource } from '@governor/autoscaler';
import { type AppConfig, formatIssue, type GovernorConfig, loadConfigFile } from '@governor/config';
import { describeError } from '@governor/errors';
import { type Clock, systemClock } from '@governor/runtime';
import { type Decision, decide, emptyHistory, type Observations } from '@governor/scaler';
import { DaemonClient, daemonUrl } from './daemon-client.js';
import { type EvalMachines, liveMachines, syntheticMachines } from './eval-machines.js';

/** Options of `governor eval`. */
export interface EvalOptions {
  readonly config: string;
  /** Default: the only app of the file. */
  readonly app?: string;
  /** Decide for this many running machines instead of the live fleet. */
  readonly current?: number;
  readonly json: boolean;
  /** Base URL of the daemon API (sidecar source, local provider). Default: from `daemon.listen`. */
  readonly daemon?: string;
  /** Clock of the observation and the decision. Default {@link systemClock}. */
  readonly clock?: Clock;
}

/** Where `governor eval` writes. */
export interface EvalIo {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

function pickApp(config: GovernorConfig, name: string | undefined): AppConfig | string {
  const names = config.apps.map((a) => a.name).join(', ');
  if (name === undefined) {
    if (config.apps.length === 1) return config.apps[0] as AppConfig;
    return `the config has several apps (${names}): choose one with --app`;
  }
  return config.apps.find((a) => a.name === name) ?? `no app named "${name}" (apps: ${names})`;
}

function sourceOf(
  config: GovernorConfig,
  app: AppConfig,
  daemon: DaemonClient,
  fleet: boolean,
): MetricSource {
  const name = app.metrics.source;
  const entry = name === undefined ? undefined : config.metricSources?.[name];
  if (entry?.type === 'prometheus') {
    return new PrometheusSource({ config: entry, placement: fleet ? 'fleet' : 'instance' });
  }
  if (entry?.type === 'redis') return new RedisSource(entry);
  return new SidecarSource(
    { latest: (a = app.name) => daemon.snapshots(a) },
    () => config.collector.staleAfter,
  );
}

/**
 * `governor eval`: reads the app's metrics once from its configured source,
 * runs the real `decide` against the live fleet (or `current` machines) with
 * an empty history, and prints the decision. Changes nothing. Returns the
 * exit code: 0 decided, 1 invalid config or unreadable source.
 */
export async function runEval(options: EvalOptions, io: EvalIo): Promise<number> {
  const loaded = loadConfigFile(options.config, { checkEnv: false });
  if (!loaded.ok) {
    io.err.write(`${loaded.issues.map(formatIssue).join('\n')}\n`);
    return 1;
  }
  const config = loaded.config;
  const clock = options.clock ?? systemClock;
  const app = pickApp(config, options.app);
  if (typeof app === 'string') {
    io.err.write(`governor eval: ${options.config}: ${app}\n`);
    return 1;
  }
  const daemon = new DaemonClient(options.daemon ?? daemonUrl(config.daemon.listen));
  const fleet = options.current !== undefined;
  const source = sourceOf(config, app, daemon, fleet);
  const label = source.type === 'sidecar' ? 'the sidecar source' : `${source.type} source "${source.name}"`;
  try {
    let machines: EvalMachines;
    if (options.current !== undefined && source.type !== 'sidecar') {
      machines = { machines: syntheticMachines(config, app, options.current), from: 'current' };
    } else if (options.current !== undefined) {
      // The sidecar's snapshots are per instance: the first N reporting instances stand for the N machines.
      const ids = (await daemon.snapshots(app.name)).map((s) => s.instance);
      machines = { machines: syntheticMachines(config, app, options.current, ids), from: 'current' };
    } else {
      try {
        machines = await liveMachines(config, app, daemon);
      } catch (err) {
        io.err.write(
          `governor eval: cannot list the machines of app "${app.name}": ${describeError(err)} (give --current N to decide for N machines)\n`,
        );
        return 1;
      }
    }
    let obs: Observations;
    try {
      obs = await source.observe({
        app,
        machines: machines.machines,
        now: clock.now(),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      io.err.write(
        `governor eval: cannot read the metrics of app "${app.name}" from ${label}: ${describeError(err)}\n`,
      );
      return 1;
    }
    if (obs.sourceError !== undefined) io.err.write(`governor eval: warning: ${obs.sourceError}\n`);
    const decision = decide(app, obs, emptyHistory(), clock.now());
    io.out.write(
      options.json
        ? `${JSON.stringify(jsonReport(app, label, machines, decision), null, 2)}\n`
        : text(app, label, machines, decision),
    );
    return 0;
  } finally {
    await source.close();
  }
}

function jsonReport(app: AppConfig, source: string, machines: EvalMachines, d: Decision) {
  return {
    app: app.name,
    source,
    machinesFrom: machines.from,
    current: d.current,
    desired: d.desired,
    outcome: d.outcome,
    explanation: d.explanation,
    ...(d.inputs.observations.sourceError === undefined
      ? {}
      : { sourceError: d.inputs.observations.sourceError }),
    decision: d,
  };
}

function text(app: AppConfig, source: string, machines: EvalMachines, d: Decision): string {
  const from = {
    current: 'given with --current',
    daemon: 'from the running daemon',
    provider: 'from the provider',
  }[machines.from];
  const lines = [`app ${app.name}: metrics from ${source}; ${d.current} running machines (${from})`];
  for (const p of d.proposals) lines.push(`  ${p.status === 'ok' ? ' ' : '!'} ${p.formula}`);
  lines.push(`decision: ${d.current} -> ${d.desired} machines (${d.outcome})`);
  lines.push(`because: ${d.explanation}`);
  lines.push('nothing was changed: eval only reads');
  return `${lines.join('\n')}\n`;
}
