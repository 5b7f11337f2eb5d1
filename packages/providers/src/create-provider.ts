import type { ProviderConfig } from '@governor/config';
import { describeError } from '@governor/errors';
import type { FlyLogger } from './fly/fly-client-options.js';
import { FlyProvider } from './fly/fly-provider.js';
import { KubernetesProvider } from './kubernetes/kubernetes-provider.js';
import { EdgeProxy } from './local/edge-proxy.js';
import type { LocalProviderEvent } from './local/local-options.js';
import { LocalProvider } from './local/local-provider.js';
import type { Provider } from './provider.js';

/** What {@link createProvider} may inject besides the config. */
export interface ProviderDeps {
  /** Clock (ms). Default `Date.now`. */
  readonly now?: () => number;
  /** Structured log sink for API clients and the local provider's failed health checks (never receives secrets). Default: none. */
  readonly log?: FlyLogger;
  /** Local provider events (crashes, replacements, health). Default: none. */
  readonly onLocalEvent?: (event: LocalProviderEvent) => void;
  /** Local: `PATH` of the children (the daemon's own, usually). Default `DEFAULT_CHILD_PATH`. */
  readonly childPath?: string;
  /** Fly: machine config to create from when the process group has no machine to copy. Default: none. */
  readonly flyTemplate?: Record<string, unknown>;
}

/** Builds the provider a validated {@link ProviderConfig} describes. */
export function createProvider(config: ProviderConfig, deps: ProviderDeps = {}): Provider {
  switch (config.type) {
    case 'fly':
      return new FlyProvider({
        apiUrl: config.apiUrl,
        token: config.token,
        processGroup: config.processGroup,
        ...(deps.now ? { now: deps.now } : {}),
        ...(deps.log ? { log: deps.log } : {}),
        ...(deps.flyTemplate ? { template: deps.flyTemplate } : {}),
      });
    case 'local':
      return new LocalProvider({
        command: config.command,
        args: config.args,
        env: config.env,
        portRange: config.portRange,
        healthPath: config.healthPath,
        stopGracePeriod: config.stopGracePeriod,
        region: config.region,
        ...(deps.childPath ? { path: deps.childPath } : {}),
        ...(deps.now ? { now: deps.now } : {}),
        ...(deps.onLocalEvent ? { onEvent: deps.onLocalEvent } : {}),
        ...(deps.log ? { onError: localErrorLog(deps.log) } : {}),
      });
    case 'kubernetes':
      return new KubernetesProvider({
        apiServer: config.apiServer,
        namespace: config.namespace,
        deployment: config.deployment,
        ...(config.token ? { token: config.token } : {}),
        ...(config.kubeconfig ? { kubeconfig: config.kubeconfig } : {}),
        ...(config.context ? { context: config.context } : {}),
        ...(deps.now ? { now: deps.now } : {}),
      });
  }
}

/**
 * An edge proxy in front of one app of a local provider, listening on
 * `listen` (`host:port`, e.g. a LocalProviderConfig's `proxyListen`).
 * Call `listen()` on the result to start it.
 */
export function edgeProxyFor(
  provider: LocalProvider,
  app: string,
  listen: string,
  now?: () => number,
): EdgeProxy {
  const i = listen.lastIndexOf(':');
  return new EdgeProxy({
    host: listen.slice(0, i) || '127.0.0.1',
    port: Number(listen.slice(i + 1)),
    upstreams: () => provider.healthyAddresses(app),
    ...(now ? { now } : {}),
  });
}

/** Reports the local provider's failed health checks to the log sink, with the error's one-line description. */
function localErrorLog(log: FlyLogger): (err: unknown, message: string) => void {
  return (err, message) => log('warn', message, { err: describeError(err) });
}
