import type { GovernorConfig, LocalProviderConfig } from '@governor/config';
import { GovernorError } from '@governor/errors';
import type { Provider } from '@governor/providers';
import { type EdgeBalancer, EdgeProxy, LocalProvider } from '@governor/providers/local';
import type { Logger } from '@governor/telemetry';
import type { LocalApp } from './collector-fleet.js';

/** The local providers and edge proxies of a config. */
export interface LocalFleet {
  /** Providers by name, for the autoscaler. */
  readonly providers: Record<string, Provider>;
  /** Apps on local providers, for the collectors. */
  readonly apps: LocalApp[];
  /** Edge proxy per app name. */
  readonly proxies: Map<string, EdgeProxy>;
  /** Stops proxies, then every instance (SIGTERM, then SIGKILL after the grace period). */
  close(): Promise<void>;
  /** SIGKILLs every instance synchronously (for an exit that cannot wait). */
  killNow(): void;
}

function hostPort(listen: string): { host: string; port: number } {
  const i = listen.lastIndexOf(':');
  return { host: listen.slice(0, i) || '127.0.0.1', port: Number(listen.slice(i + 1)) };
}

/**
 * Starts a {@link LocalProvider} per `local` provider of the config and an
 * {@link EdgeProxy} at its `proxyListen`, in front of the first app using it.
 * `governor up` only runs local providers; others are refused. `balancer`
 * gives a proxy its upstream choice (the discovery client); without one, or
 * while it has nothing to offer, a proxy round-robins over the healthy
 * instances.
 */
export async function startLocalFleet(
  config: GovernorConfig,
  cwd: string,
  logger: Logger,
  childPath?: string,
  balancer?: (app: string) => EdgeBalancer,
): Promise<LocalFleet> {
  const providers: Record<string, Provider> = {};
  const locals = new Map<string, { cfg: LocalProviderConfig; provider: LocalProvider }>();
  for (const [name, cfg] of Object.entries(config.providers)) {
    if (cfg.type !== 'local') {
      if (config.apps.some((a) => a.provider === name)) {
        throw new GovernorError(
          'GOV_SERVICE_UP_UNSUPPORTED_PROVIDER',
          `governor up runs local providers only; provider ${name} is ${cfg.type}`,
          { details: { provider: name } },
        );
      }
      continue;
    }
    const log = logger.child({ provider: name });
    const provider = new LocalProvider({
      command: cfg.command,
      args: cfg.args,
      env: cfg.env,
      ...(childPath ? { path: childPath } : {}),
      cwd,
      portRange: cfg.portRange,
      healthPath: cfg.healthPath,
      stopGracePeriod: cfg.stopGracePeriod,
      region: cfg.region,
      onEvent: (e) => {
        const fields = { event: e.type, machine: e.machine.id, exit: e.exit, stderr: e.stderrTail };
        if (e.type === 'crashed' || e.type === 'never-healthy' || e.type === 'unhealthy')
          log.warn(fields, e.type);
        else log.info(fields, e.type);
      },
      onError: (err, message) => log.warn({ err }, message),
    });
    providers[name] = provider;
    locals.set(name, { cfg, provider });
  }
  const apps: LocalApp[] = [];
  const proxies = new Map<string, EdgeProxy>();
  const proxied = new Set<string>();
  for (const policy of config.apps) {
    const local = locals.get(policy.provider);
    if (!local) continue;
    apps.push({ policy, provider: local.provider, metricsPath: local.cfg.metricsPath });
    if (local.cfg.proxyListen && !proxied.has(policy.provider)) {
      proxied.add(policy.provider);
      const proxy = new EdgeProxy({
        ...hostPort(local.cfg.proxyListen),
        upstreams: () => local.provider.healthyAddresses(policy.name),
        ...(balancer ? { balancer: balancer(policy.name) } : {}),
      });
      await proxy.listen();
      proxies.set(policy.name, proxy);
    }
  }
  return {
    providers,
    apps,
    proxies,
    async close() {
      await Promise.all([...proxies.values()].map((p) => p.close()));
      await Promise.all([...locals.values()].map((l) => l.provider.close()));
    },
    killNow() {
      for (const l of locals.values()) l.provider.killAll();
    },
  };
}
