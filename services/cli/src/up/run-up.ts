import { join } from 'node:path';
import {
  Autoscaler,
  appStatus,
  buildApi,
  type ConfigLoadResult,
  configFileLoader,
  createDaemonNotifier,
  SelfMetrics,
} from '@governor/autoscaler';
import { MemoryBus, MemoryRegistry } from '@governor/bus';
import type { GovernorConfig } from '@governor/config';
import { DiscoveryClient, leastLoaded } from '@governor/discovery';
import { describeError } from '@governor/errors';
import { type Clock, PeriodicLoop, systemClock } from '@governor/runtime';
import { createLogger, createMetricsRegistry, type Logger, startTelemetry } from '@governor/telemetry';
import { VERSION } from '../version.js';
import { CollectorFleet } from './collector-fleet.js';
import { demoProfile, type LoadPhase, phaseAt } from './demo-profile.js';
import { discoveryBalancer } from './discovery-balancer.js';
import { LoadDriver } from './load-driver.js';
import { type LocalFleet, startLocalFleet } from './local-fleet.js';
import { LocalPrometheus } from './local-prometheus.js';
import { renderStatusTable } from './status-table.js';
import type { UpEnv } from './up-env.js';

/** Options of {@link runUp}. */
export interface RunUpOptions {
  readonly configPath: string;
  /** Drive load at the edge (quiet, step up, step down). */
  readonly demo: boolean;
  /** Demo load profile; default {@link demoProfile}(). */
  readonly profile?: readonly LoadPhase[];
  /** Working directory of the instances (relative paths in the config). */
  readonly cwd: string;
  readonly env: UpEnv;
  /** Log destination (JSON lines). */
  readonly logDestination: NodeJS.WritableStream;
  /** Receives the status table lines every `statusInterval` ms. */
  readonly onStatus?: (lines: string[]) => void;
  /** Width for the status table. */
  readonly width?: () => number;
  /** Default 1000. */
  readonly statusInterval?: number;
  /** Clock of the autoscaler, the demo load phases and the status table. Default {@link systemClock}. */
  readonly clock?: Clock;
}

/** A running `governor up`. */
export interface UpHandle {
  readonly autoscaler: Autoscaler;
  /** `host:port` of the API. */
  readonly api: string;
  readonly logger: Logger;
  /** Stops load, status, API, autoscaler, collectors, proxies and instances, in that order. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILLs every instance synchronously: for an exit that cannot wait for {@link stop}. */
  killNow(): void;
}

/** Loads a config file, turning issues into readable lines. */
export function loadConfig(path: string, env: UpEnv['env']): ConfigLoadResult {
  return configFileLoader({ ...env })(path) as ConfigLoadResult;
}

/**
 * Starts everything `governor up` runs in one process: the local providers
 * and edge proxies, a collector per instance, the autoscaler with its API,
 * the status table and, with `demo`, the edge load.
 */
export async function runUp(config: GovernorConfig, hash: string, options: RunUpOptions): Promise<UpHandle> {
  const logger = createLogger({
    name: 'governor',
    level: config.daemon.logLevel,
    destination: options.logDestination,
  });
  const telemetry = startTelemetry({
    serviceName: 'governor-autoscaler',
    serviceVersion: VERSION,
    endpoint: options.env.otlpEndpoint,
    resourceAttributes: options.env.otelResourceAttributes,
  });
  const clock = options.clock ?? systemClock;
  const bus = new MemoryBus();
  const registry = new MemoryRegistry();
  // The edge proxies pick upstreams with a discovery client of the API, as a fleet's own clients would.
  const clients = new Map<string, DiscoveryClient>();
  const metrics = new SelfMetrics(createMetricsRegistry());
  const notifier = createDaemonNotifier(
    config,
    metrics,
    logger.child({ component: 'notify' }),
    `http://${config.daemon.listen}`,
  );
  let fleet: LocalFleet | undefined;
  let collectors: CollectorFleet | undefined;
  let prometheus: LocalPrometheus | undefined;
  let autoscaler: Autoscaler | undefined;
  let api: Awaited<ReturnType<typeof buildApi>> | undefined;
  let load: LoadDriver | undefined;
  let status: PeriodicLoop | undefined;
  let stopping: Promise<void> | undefined;

  const stop = () => {
    stopping ??= (async () => {
      await status?.stop();
      await load?.stop();
      await Promise.all([...clients.values()].map((c) => c.close()));
      await api?.close();
      await autoscaler?.stop();
      await collectors?.stop();
      await prometheus?.stop();
      await fleet?.close();
      await bus.close();
      await registry.close();
      await notifier.close();
      await telemetry.shutdown();
      logger.info('governor up stopped');
    })();
    return stopping;
  };

  try {
    const localFleet = await startLocalFleet(config, options.cwd, logger, options.env.path, (app) =>
      discoveryBalancer(() => clients.get(app)),
    );
    fleet = localFleet;
    const scaler = new Autoscaler({
      config,
      configHash: hash,
      configPath: options.configPath,
      loadConfig: configFileLoader({ ...options.env.env }),
      providers: localFleet.providers,
      bus,
      registry,
      edgeRps: (app) => localFleet.proxies.get(app)?.requestsPerSecond(),
      logger: logger.child({ component: 'autoscaler' }),
      tracer: telemetry.tracer,
      metrics,
      alerts: notifier,
      now: () => clock.now(),
    });
    autoscaler = scaler;
    collectors = new CollectorFleet({
      apps: () =>
        localFleet.apps.map((a) => ({ ...a, policy: scaler.app(a.policy.name)?.policy ?? a.policy })),
      bus,
      registry,
      settings: () => scaler.config.collector,
      logger: logger.child({ component: 'collector' }),
    });
    collectors.start();
    prometheus = await LocalPrometheus.startIfWanted(
      config,
      localFleet.apps,
      join(options.cwd, '.governor'),
      logger.child({ component: 'prometheus' }),
    );
    const server = await buildApi({ autoscaler: scaler, logger });
    api = server;
    const listen = config.daemon.listen;
    const i = listen.lastIndexOf(':');
    await server.listen({ host: listen.slice(0, i), port: Number(listen.slice(i + 1)) });
    const addr = server.server.address();
    const apiAddress = typeof addr === 'object' && addr ? `${addr.address}:${addr.port}` : listen;
    for (const app of localFleet.proxies.keys()) {
      const policy = config.apps.find((a) => a.name === app);
      const provider = policy ? config.providers[policy.provider] : undefined;
      const log = logger.child({ component: 'discovery', app });
      const client = new DiscoveryClient({
        url: `http://${apiAddress}`,
        app,
        ...(provider?.type === 'local' ? { region: provider.region } : {}),
        // The proxy carries all of the demo's traffic: its own in-flight counts are exact and current.
        strategy: leastLoaded({ reportedWeight: 0 }),
        onError: (err) => log.debug({ err: describeError(err) }, 'discovery watch error; retrying'),
      });
      clients.set(app, client.start());
    }
    scaler.start();

    const profile = options.profile ?? demoProfile();
    const startedAt = clock.now();
    const demoApp = options.demo ? [...localFleet.proxies.entries()][0] : undefined;
    if (demoApp) {
      load = new LoadDriver({
        url: `http://${demoApp[1].address()}/`,
        rate: () => phaseAt(profile, clock.now() - startedAt)?.rps ?? 0,
        onError: (err, message) => logger.warn({ err: describeError(err) }, message),
      });
      load.start();
    }
    const draw = () => {
      const phase = demoApp ? phaseAt(profile, clock.now() - startedAt) : undefined;
      const apps = scaler.apps().map((rt) => appStatus(rt, scaler.decisions, clock.now()));
      const lines = renderStatusTable(
        apps,
        {
          api: apiAddress,
          proxies: [...localFleet.proxies].map(([app, p]) => ({ app, address: p.address() })),
          ...(phase ? { load: `demo load: ${phase.name}, ${phase.rps} rps` } : {}),
        },
        options.width?.(),
      );
      options.onStatus?.(lines);
    };
    const statusInterval = options.statusInterval ?? 1000;
    status = new PeriodicLoop({
      name: 'status table',
      interval: () => statusInterval,
      run: async () => draw(),
      onError: (err, message) => logger.warn({ err: describeError(err) }, message),
    });
    status.start(statusInterval);
    logger.info({ api: apiAddress, demo: options.demo }, 'governor up started');
    return { autoscaler: scaler, api: apiAddress, logger, stop, killNow: () => localFleet.killNow() };
  } catch (err) {
    await stop();
    throw err;
  }
}
