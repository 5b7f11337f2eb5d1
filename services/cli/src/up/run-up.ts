import {
  Autoscaler,
  appStatus,
  buildApi,
  type ConfigLoadResult,
  configFileLoader,
  createDaemonNotifier,
  SelfMetrics,
} from '@governor/autoscaler';
import { MemoryBus } from '@governor/bus';
import type { GovernorConfig } from '@governor/config';
import { createLogger, type Logger, startTelemetry } from '@governor/telemetry';
import { CollectorFleet } from './collector-fleet.js';
import { demoProfile, type LoadPhase, phaseAt } from './demo-profile.js';
import { LoadDriver } from './load-driver.js';
import { type LocalFleet, startLocalFleet } from './local-fleet.js';
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
    endpoint: options.env.otlpEndpoint,
  });
  const bus = new MemoryBus();
  const metrics = new SelfMetrics();
  const notifier = createDaemonNotifier(
    config,
    metrics,
    logger.child({ component: 'notify' }),
    `http://${config.daemon.listen}`,
  );
  let fleet: LocalFleet | undefined;
  let collectors: CollectorFleet | undefined;
  let autoscaler: Autoscaler | undefined;
  let api: Awaited<ReturnType<typeof buildApi>> | undefined;
  let load: LoadDriver | undefined;
  let status: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;

  const stop = () => {
    stopping ??= (async () => {
      if (status) clearInterval(status);
      await load?.stop();
      await api?.close();
      await autoscaler?.stop();
      await collectors?.stop();
      await fleet?.close();
      await bus.close();
      await notifier.close();
      await telemetry.shutdown();
      logger.info('governor up stopped');
    })();
    return stopping;
  };

  try {
    const localFleet = await startLocalFleet(config, options.cwd, logger, options.env.path);
    fleet = localFleet;
    const scaler = new Autoscaler({
      config,
      configHash: hash,
      configPath: options.configPath,
      loadConfig: configFileLoader({ ...options.env.env }),
      providers: localFleet.providers,
      bus,
      edgeRps: (app) => localFleet.proxies.get(app)?.requestsPerSecond(),
      logger: logger.child({ component: 'autoscaler' }),
      tracer: telemetry.tracer,
      metrics,
      alerts: notifier,
    });
    autoscaler = scaler;
    collectors = new CollectorFleet({
      apps: () =>
        localFleet.apps.map((a) => ({ ...a, policy: scaler.app(a.policy.name)?.policy ?? a.policy })),
      bus,
      settings: () => scaler.config.collector,
      logger: logger.child({ component: 'collector' }),
    });
    collectors.start();
    const server = await buildApi({ autoscaler: scaler, logger });
    api = server;
    const listen = config.daemon.listen;
    const i = listen.lastIndexOf(':');
    await server.listen({ host: listen.slice(0, i), port: Number(listen.slice(i + 1)) });
    const addr = server.server.address();
    const apiAddress = typeof addr === 'object' && addr ? `${addr.address}:${addr.port}` : listen;
    scaler.start();

    const profile = options.profile ?? demoProfile();
    const startedAt = Date.now();
    const demoApp = options.demo ? [...localFleet.proxies.entries()][0] : undefined;
    if (demoApp) {
      load = new LoadDriver({
        url: `http://${demoApp[1].address()}/`,
        rate: () => phaseAt(profile, Date.now() - startedAt)?.rps ?? 0,
      });
      load.start();
    }
    const draw = () => {
      const phase = demoApp ? phaseAt(profile, Date.now() - startedAt) : undefined;
      const apps = scaler.apps().map((rt) => appStatus(rt, scaler.decisions, Date.now()));
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
    status = setInterval(draw, options.statusInterval ?? 1000);
    status.unref();
    logger.info({ api: apiAddress, demo: options.demo }, 'governor up started');
    return { autoscaler: scaler, api: apiAddress, logger, stop, killNow: () => localFleet.killNow() };
  } catch (err) {
    await stop();
    throw err;
  }
}
