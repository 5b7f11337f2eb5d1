import type {
  AlertingConfig,
  AppConfig,
  AppSlo,
  CollectorConfig,
  ConfigValues,
  GovernorConfig,
  LatencyTarget,
  MetricTarget,
  Schedule,
  ScheduleFields,
} from './config-types.js';
import { parseCron } from './cron.js';
import { CONFIG_VERSION } from './definition/root.js';
import { TimeZone } from './time-zone.js';

type AppValues = ConfigValues['apps'][number];

/** What a file without an `alerting` section gets: no receivers, no runbook links. */
const NO_ALERTING: AlertingConfig = { runbookBaseUrl: '', receivers: [], repeatInterval: 300_000 };

/**
 * Turns schema output that passed every rule into a {@link GovernorConfig}:
 * the values derived from other fields are worked out here, once, and read
 * everywhere else (see docs/config.md, "Defaults that depend on other keys").
 */
export function buildConfig(values: ConfigValues): GovernorConfig {
  return {
    ...values,
    version: CONFIG_VERSION,
    collector: buildCollector(values.collector),
    apps: values.apps.map(buildApp),
    alerting: values.alerting ?? NO_ALERTING,
  };
}

/** The collector settings with `staleAfter` filled in (3 x `window` unless written). */
export function buildCollector(values: ConfigValues['collector']): CollectorConfig {
  return { ...values, staleAfter: values.staleAfter ?? 3 * values.window };
}

function buildApp(app: AppValues): AppConfig {
  const latency = app.targets.find(isLatency);
  const customTargets = app.targets.flatMap((t) => (t.type === 'custom' ? [t.metric] : []));
  if (app.metrics.inFlight !== undefined) customTargets.push(app.metrics.inFlight);
  const regions = Object.fromEntries(
    Object.entries(app.regions).map(([name, bounds]) => [name, { ...bounds, max: bounds.max ?? app.max }]),
  );
  const slo = appSlo(app, latency);
  return {
    ...app,
    regions,
    schedules: app.schedules.map(buildSchedule),
    metrics: { ...app.metrics, custom: [...new Set([...app.metrics.custom, ...customTargets])] },
    ...(slo === undefined ? {} : { slo }),
  };
}

/** The one precedence of the effective SLO: what `alerts` says, else the latency target's. */
function appSlo(app: AppValues, latency: LatencyTarget | undefined): AppSlo | undefined {
  const ms = app.alerts.slo ?? latency?.slo;
  if (ms === undefined) return undefined;
  return { ms, quantile: app.alerts.sloQuantile ?? latency?.quantile ?? 'p99' };
}

/**
 * A schedule with its cron expression parsed and its time zone built (the
 * loader's rules refuse a cron or zone this would throw on). Derived fields
 * already on `schedule` are built afresh.
 */
export function buildSchedule(schedule: ScheduleFields): Schedule {
  return { ...schedule, parsedCron: parseCron(schedule.cron), zone: new TimeZone(schedule.timezone) };
}

function isLatency(target: MetricTarget): target is LatencyTarget {
  return target.type === 'latency';
}
