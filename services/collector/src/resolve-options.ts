import {
  type AppConfig,
  type CollectorConfig,
  defaultCollectorConfig,
  type GovernorConfig,
} from '@governor/config';
import { GovernorError } from '@governor/errors';
import type { CollectorApp } from './collector-types.js';
import type { CollectorEnv } from './env.js';
import type { CollectorFlags } from './flags.js';
import type { HostStatsSpec } from './host/create-host-stats.js';
import type { SnapshotIdentity } from './summary/build-snapshot.js';

/** Everything the sidecar needs to start, resolved from flags, environment and policy. */
export interface SidecarOptions {
  readonly identity: SnapshotIdentity;
  readonly app: CollectorApp;
  readonly targets: readonly string[];
  readonly settings: CollectorConfig;
  readonly hostStats: HostStatsSpec;
  readonly listen: { readonly host: string; readonly port: number };
  /** Redis URL (secret; never log it unredacted), or undefined for the in-memory bus. */
  readonly redisUrl?: string;
  readonly logLevel: string;
}

const DEFAULT_TARGET = 'http://127.0.0.1:8080/metrics';

function invalid(message: string): GovernorError {
  return new GovernorError('GOV_COLLECTOR_INVALID_OPTIONS', message);
}

/** Parses `host:port` (IPv6 as `[::]:9471`). */
export function parseListen(s: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(s);
  const port = Number(m?.[3]);
  if (!m || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalid(`--listen must be host:port, got "${s}"`);
  }
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port };
}

/** Parses `--host-stats`. */
export function parseHostStats(s: string): HostStatsSpec {
  if (s === 'auto' || s === 'system' || s === 'none') return { kind: s };
  if (s === 'cgroup') return { kind: 'cgroup' };
  if (s.startsWith('cgroup:')) return { kind: 'cgroup', root: s.slice(7) };
  if (s.startsWith('process:')) {
    const pid = Number(s.slice(8));
    if (Number.isInteger(pid) && pid > 0) return { kind: 'process', pid };
  }
  throw invalid(`--host-stats must be auto, cgroup[:<dir>], system, process:<pid> or none, got "${s}"`);
}

function findApp(config: GovernorConfig | undefined, name: string | undefined): AppConfig | undefined {
  if (!config) return undefined;
  if (name === undefined) return config.apps.length === 1 ? config.apps[0] : undefined;
  const byName = config.apps.find((a) => a.name === name);
  if (byName) return byName;
  // FLY_APP_NAME is the Fly app, which a policy may manage under another name.
  return config.apps.find((a) => {
    const p = config.providers[a.provider];
    return p?.type === 'fly' && p.app === name;
  });
}

/** Resolves the sidecar's options: flags first, then the environment, then the policy file. */
export function resolveSidecarOptions(
  flags: CollectorFlags,
  env: CollectorEnv,
  config: GovernorConfig | undefined,
): SidecarOptions {
  const requested = flags.app ?? env.flyAppName;
  const appConfig = findApp(config, requested);
  if (config && requested !== undefined && !appConfig) {
    throw new GovernorError(
      'GOV_COLLECTOR_IDENTITY',
      `app "${requested}" is not in the policy (apps: ${config.apps.map((a) => a.name).join(', ') || 'none'})`,
    );
  }
  const appName = appConfig?.name ?? requested;
  if (!appName) {
    throw new GovernorError(
      'GOV_COLLECTOR_IDENTITY',
      'no app name: pass --app, set FLY_APP_NAME, or give a policy with exactly one app',
    );
  }
  const targets = [...(flags.targets.length > 0 ? flags.targets : (env.targets ?? [DEFAULT_TARGET]))];
  for (const t of appConfig?.scrape.targets ?? []) if (!targets.includes(t)) targets.push(t);
  for (const t of targets) {
    let u: URL;
    try {
      u = new URL(t);
    } catch {
      throw invalid(`scrape target "${t}" is not a URL`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw invalid(`scrape target "${t}" must be http(s)`);
  }
  const provider = appConfig ? config?.providers[appConfig.provider] : undefined;
  const region =
    flags.region ?? env.flyRegion ?? (provider?.type === 'local' ? provider.region : undefined) ?? 'local';
  let address = flags.address;
  const port = new URL(targets[0] as string).port || '80';
  if (!address && env.flyMachineId && env.flyAppName) {
    // The private-network name Fly gives every machine; stable across restarts, unlike a raw IP in logs.
    address = `${env.flyMachineId}.vm.${env.flyAppName}.internal:${port}`;
  } else if (!address && env.flyPrivateIp) {
    address = env.flyPrivateIp.includes(':')
      ? `[${env.flyPrivateIp}]:${port}`
      : `${env.flyPrivateIp}:${port}`;
  }
  let redisUrl = flags.redisUrl ?? env.redisUrl;
  if (!redisUrl && config?.daemon.mode === 'cluster') {
    redisUrl = config.daemon.redisUrl?.reveal();
    if (!redisUrl) throw invalid('the policy runs in cluster mode but no Redis URL is set (REDIS_URL)');
  }
  const identity: SnapshotIdentity = {
    app: appName,
    instance: flags.instance ?? env.flyMachineId ?? env.hostname,
    region,
    ...(address ? { address } : {}),
  };
  return {
    identity,
    app: appConfig ?? { name: appName },
    targets,
    settings: config?.collector ?? defaultCollectorConfig(),
    hostStats: parseHostStats(flags.hostStats ?? 'auto'),
    listen: parseListen(flags.listen ?? '0.0.0.0:9471'),
    ...(redisUrl ? { redisUrl } : {}),
    logLevel: flags.logLevel ?? env.logLevel ?? config?.daemon.logLevel ?? 'info',
  };
}
