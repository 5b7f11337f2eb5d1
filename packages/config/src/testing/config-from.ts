import { stringify } from 'yaml';
import { buildSchedule } from '../build-config.js';
import { ConfigError } from '../config-error.js';
import type {
  AppConfig,
  CollectorConfig,
  DaemonConfig,
  DiscoveryConfig,
  GovernorConfig,
  Schedule,
  ScheduleFields,
} from '../config-types.js';
import { parseConfig } from '../parse-config.js';

/**
 * Fixtures for tests and benchmarks, built by the real loader so that every
 * default stays the one the config documents. Inputs are written as a
 * config file would be (`5s`, `70%`); the loader validates and normalizes
 * them.
 */

/** A config file's content, as YAML text or as the plain object a YAML file holds. */
export type ConfigSource = string | Readonly<Record<string, unknown>>;

/**
 * Parses a whole config. Secrets referenced as `${ENV}` need not be set.
 *
 * @throws ConfigError with every issue when the config is invalid.
 */
export function configFrom(source: ConfigSource): GovernorConfig {
  const text = typeof source === 'string' ? source : stringify(source);
  const result = parseConfig(text, { file: '<fixture>', env: {}, checkEnv: false });
  if (!result.ok) throw new ConfigError(result.issues);
  return result.config;
}

/**
 * One app with every default the loader fills in, from its file fields.
 * Its provider (`local` unless `fields.provider` names another) is a local
 * provider of that name. `typed` fields then replace top-level fields as
 * they are, for values a config file cannot hold (an empty scaling-policy
 * list). The result is a fresh, mutable copy.
 *
 * @throws ConfigError when the fields are invalid.
 */
export function appFrom(
  fields: Readonly<Record<string, unknown>> & { readonly name: string },
  typed: Partial<AppConfig> = {},
): AppConfig {
  const provider = typeof fields.provider === 'string' ? fields.provider : 'local';
  const config = configFrom({
    version: 1,
    providers: { [provider]: { type: 'local', command: 'true', portRange: [9000, 9010] } },
    apps: [{ provider, ...fields }],
  });
  const app = config.apps[0];
  if (app === undefined) throw new Error('the fixture config has no app');
  // A schedule's time zone holds an Intl formatter, which structuredClone refuses: schedules are built afresh.
  const { schedules, ...rest } = app;
  return { ...structuredClone(rest), schedules: schedules.map((s) => buildSchedule(s)), ...typed };
}

/**
 * A schedule as the loader builds it, from its typed fields (duration in
 * ms), for configs built by hand.
 *
 * @throws GovernorError `GOV_CONFIG_CRON` when the cron expression is invalid,
 *   RangeError when the time zone is unknown.
 */
export function scheduleFrom(fields: ScheduleFields): Schedule {
  return buildSchedule(fields);
}

/** Overrides of {@link fixtureConfig}, typed (ms, fractions), merged over its defaults. */
export interface FixtureConfigOverrides {
  readonly daemon?: Partial<DaemonConfig>;
  readonly collector?: Partial<CollectorConfig>;
  readonly discovery?: Partial<DiscoveryConfig>;
}

let fixtureBase: GovernorConfig | undefined;

/**
 * A whole config around `apps`, for tests and benchmarks that run a daemon:
 * standalone, listening on a free port (`127.0.0.1:0`), 50 ms ticks, a
 * 1 s collector window, and provider `fake` (a local provider that runs
 * `true`, region `local`). `overrides` replace daemon and collector fields
 * as they are (e.g. `mode: 'cluster'` without a `redisUrl`, when the caller
 * hands the connection over itself).
 */
export function fixtureConfig(
  apps: readonly AppConfig[],
  overrides: FixtureConfigOverrides = {},
): GovernorConfig {
  fixtureBase ??= configFrom({
    version: 1,
    daemon: { listen: '127.0.0.1:0', tickInterval: '50ms', leaseTtl: '10s', historySize: 50 },
    collector: {
      scrapeInterval: '1s',
      scrapeTimeout: '500ms',
      window: '1s',
      jitter: 0,
      maxBodyBytes: 1 << 20,
      maxSeries: 1000,
      staleAfter: '3s',
      heartbeatTtl: '5s',
    },
    providers: {
      fake: {
        type: 'local',
        command: 'true',
        portRange: [9000, 9010],
        stopGracePeriod: '100ms',
        region: 'local',
      },
    },
    apps: [
      {
        name: 'placeholder',
        provider: 'fake',
        min: 1,
        max: 1,
        targets: [{ type: 'cpu', utilization: '50%' }],
      },
    ],
    alerting: { runbookBaseUrl: 'https://example.test/runbooks' },
  });
  const base = fixtureBase;
  return {
    ...base,
    daemon: { ...base.daemon, ...overrides.daemon },
    collector: { ...base.collector, ...overrides.collector },
    discovery: { ...base.discovery, ...overrides.discovery },
    apps: [...apps],
  };
}
