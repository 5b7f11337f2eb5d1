import { getHeapStatistics } from 'node:v8';
import { type InstanceRegistry, MemoryBus, MemoryRegistry, RedisRegistry } from '@governor/bus';
import { type GovernorConfig, listenExposureProblem } from '@governor/config';
import { GovernorError } from '@governor/errors';
import { createProvider, type Provider } from '@governor/providers';
import { createLogger, createMetricsRegistry, type Logger, startTelemetry } from '@governor/telemetry';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../api/server.js';
import { Autoscaler } from '../autoscaler.js';
import { configFileLoader } from '../config-file-loader.js';
import { drainMachines } from '../discovery/drain-machines.js';
import type { AutoscalerEnv } from '../env.js';
import { historyMemoryWarning } from '../history-memory.js';
import { SelfMetrics } from '../self-metrics.js';
import { VERSION } from '../version.js';
import { type Cluster, startCluster } from './start-cluster.js';

/** Options of {@link startDaemon}. */
export interface StartDaemonOptions {
  /** The validated config and its hash. */
  readonly config: GovernorConfig;
  readonly configHash: string;
  /** Config file (watched and reloaded). */
  readonly configPath: string;
  readonly env: AutoscalerEnv;
  /** Replica id. Default `env.replicaId`, else the host name. */
  readonly replicaId?: string;
  /** API listen address. Default `env.listen`, else `daemon.listen`. */
  readonly listen?: string;
  /** Log destination. Default stdout. */
  readonly logDestination?: NodeJS.WritableStream;
}

/** A running daemon process. */
export interface Daemon {
  readonly autoscaler: Autoscaler;
  readonly api: FastifyInstance;
  /** `host:port` the API listens on. */
  readonly address: string;
  readonly replicaId: string;
  readonly logger: Logger;
  /** Cluster mode's parts; undefined standalone. */
  readonly cluster?: Cluster;
  /**
   * Graceful shutdown: stop ticking, give the lease up, drain this replica's
   * action worker, close the API, providers, connections and telemetry. Idempotent.
   */
  stop(): Promise<void>;
}

function splitListen(listen: string): { host: string; port: number } {
  const i = listen.lastIndexOf(':');
  const port = Number(listen.slice(i + 1));
  if (i < 0 || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new GovernorError('GOV_SERVICE_INVALID_ENV', `listen address must be host:port, got "${listen}"`);
  }
  return { host: listen.slice(0, i).replace(/^\[(.*)\]$/, '$1') || '127.0.0.1', port };
}

/**
 * Starts the autoscaler daemon in the config's mode: standalone (in-memory
 * bus, in-process actions, `governor_leader` = 1) or cluster (Redis bus,
 * leader election, decision history in Redis, BullMQ actions with fencing).
 */
export async function startDaemon(options: StartDaemonOptions): Promise<Daemon> {
  const { config, env } = options;
  const listen = options.listen ?? env.listen ?? config.daemon.listen;
  // GOVERNOR_LISTEN and --listen bypass the config's own check: refuse before starting anything.
  const exposed = listenExposureProblem({
    listen,
    apiToken: config.daemon.apiToken?.present === true,
    publicReads: config.daemon.publicReads,
  });
  if (exposed !== undefined)
    throw new GovernorError('GOV_CONFIG_LISTEN_EXPOSED', exposed, { details: { listen } });
  const replicaId = options.replicaId ?? env.replicaId ?? env.hostname;
  const level = env.logLevel ?? config.daemon.logLevel;
  const logger = createLogger({
    name: 'governor-autoscaler',
    level,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  }).child({ replica: replicaId });
  const telemetry = startTelemetry({
    serviceName: 'governor-autoscaler',
    serviceVersion: VERSION,
    endpoint: env.otelEndpoint,
    resourceAttributes: env.otelResourceAttributes,
  });
  const providers: Record<string, Provider> = {};
  for (const [name, p] of Object.entries(config.providers)) {
    providers[name] = createProvider(p, {
      ...(env.path ? { childPath: env.path } : {}),
      log: (lvl, msg, fields) => logger[lvl]({ provider: name, ...fields }, msg),
    });
  }
  let autoscaler: Autoscaler | undefined;
  const providerOf = (app: string): Provider => {
    if (!autoscaler) throw new GovernorError('GOV_SERVICE_UNKNOWN_APP', `daemon not started; no app ${app}`);
    const rt = autoscaler.requireApp(app);
    const p = providers[rt.policy.provider];
    if (!p) throw new GovernorError('GOV_SERVICE_UNKNOWN_PROVIDER', `no provider ${rt.policy.provider}`);
    return p;
  };
  // Default process and Node.js metrics (CPU, RSS, heap, event loop lag, GC) beside the daemon's own.
  const metrics = new SelfMetrics(createMetricsRegistry());
  const scalerConfig = (): GovernorConfig => autoscaler?.config ?? config;
  const common = {
    config,
    metrics,
    configHash: options.configHash,
    configPath: options.configPath,
    loadConfig: configFileLoader(env.vars),
    providers,
    logger: logger.child({ component: 'autoscaler' }),
    tracer: telemetry.tracer,
  };

  let cluster: Cluster | undefined;
  let memoryBus: MemoryBus | undefined;
  let registry: InstanceRegistry;
  if (config.daemon.mode === 'cluster') {
    const redisUrl = config.daemon.redisUrl?.reveal() ?? env.redisUrl;
    if (!redisUrl) {
      throw new GovernorError(
        'GOV_SERVICE_INVALID_ENV',
        'cluster mode needs a Redis URL: set daemon.redisUrl (e.g. ${REDIS_URL}) or REDIS_URL',
      );
    }
    // The registry the collectors heartbeat into (same default key prefix); discovery reads it.
    registry = new RedisRegistry({
      url: redisUrl,
      onError: (err) => logger.debug({ err: err.message }, 'registry connection error'),
      onDecodeError: (err) => logger.warn({ err: err.message }, 'skipped a registry entry that is not one'),
    });
    const drain = drainMachines(registry, () => scalerConfig().discovery.drainDelay);
    cluster = startCluster({
      redisUrl,
      drain,
      replicaId,
      leaseTtlMs: config.daemon.leaseTtl,
      shards: config.daemon.shards,
      // Read on a shard election, which comes after start(): the autoscaler is built by then.
      apps: () => autoscaler?.apps() ?? [],
      provider: providerOf,
      warmPool: (app) => autoscaler?.warmPool(app) ?? 0,
      metrics,
      logger: logger.child({ component: 'cluster' }),
    });
    autoscaler = new Autoscaler({ ...common, ...cluster.autoscalerOptions, registry });
  } else {
    memoryBus = new MemoryBus();
    registry = new MemoryRegistry();
    autoscaler = new Autoscaler({ ...common, bus: memoryBus, registry, replicaId });
  }
  const scaler = autoscaler;

  let api: FastifyInstance | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await scaler.stop();
      await cluster?.close();
      await api?.close();
      await Promise.all(Object.values(providers).map((p) => p.close().catch(() => undefined)));
      await memoryBus?.close();
      await registry.close();
      await telemetry.shutdown();
      logger.info('autoscaler stopped');
    })();
    return stopping;
  };

  try {
    const server = await buildApi({ autoscaler: scaler, logger });
    api = server;
    const { host, port } = splitListen(listen);
    await server.listen({ host, port });
    const addr = server.server.address();
    const address = typeof addr === 'object' && addr ? `${addr.address}:${addr.port}` : `${host}:${port}`;
    cluster?.start();
    scaler.start();
    logger.info(
      { mode: config.daemon.mode, api: address, apps: config.apps.map((a) => a.name) },
      'autoscaler started',
    );
    const memory = historyMemoryWarning({
      apps: config.apps.length,
      historySize: config.daemon.historySize,
      heapLimit: getHeapStatistics().heap_size_limit,
    });
    if (memory !== undefined) logger.warn({ code: 'GOV_CONFIG_HISTORY_MEMORY' }, memory);
    return {
      autoscaler: scaler,
      api: server,
      address,
      replicaId,
      logger,
      ...(cluster ? { cluster } : {}),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
