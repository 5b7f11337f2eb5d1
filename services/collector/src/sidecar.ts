import type { InstanceRegistry, SnapshotBus } from '@governor/bus';
import { MemoryBus, MemoryRegistry } from '@governor/bus/memory';
import { describeError } from '@governor/errors';
import { createLogger, createMetricsRegistry, type Logger, startTelemetry } from '@governor/telemetry';
import { createCollector } from './collector.js';
import type { Collector } from './collector-types.js';
import type { CollectorEnv } from './env.js';
import type { SidecarOptions } from './resolve-options.js';
import { type CollectorServer, startCollectorServer } from './server.js';

/** A running sidecar: collector, HTTP server, bus, telemetry. */
export interface Sidecar {
  readonly collector: Collector;
  readonly server: CollectorServer;
  readonly logger: Logger;
  /** Graceful shutdown: server, then collector (last window, deregister), then bus and telemetry. */
  shutdown(): Promise<void>;
}

/** Starts the sidecar from resolved options. */
export async function startSidecar(options: SidecarOptions, env: CollectorEnv): Promise<Sidecar> {
  const logger = createLogger({ name: 'collector', level: options.logLevel });
  const telemetry = startTelemetry({
    serviceName: 'governor-collector',
    ...(env.otelEndpoint ? { endpoint: env.otelEndpoint } : {}),
  });
  let bus: SnapshotBus;
  let registry: InstanceRegistry;
  let busLabel = 'memory';
  if (options.redisUrl) {
    // The Redis client is loaded only for a Redis bus: an in-memory sidecar never holds it.
    const { RedisBus, RedisRegistry, redactRedisUrl } = await import('@governor/bus');
    const url = options.redisUrl;
    busLabel = `redis ${redactRedisUrl(url)}`;
    let lastLogged = '';
    const onError = (err: Error): void => {
      // ioredis reports every failed reconnect: log each distinct error once.
      if (err.message === lastLogged) return;
      lastLogged = err.message;
      logger.error({ redis: redactRedisUrl(url), err: err.message }, 'Redis connection error');
    };
    bus = new RedisBus({ url, onError });
    registry = new RedisRegistry({ url, onError });
  } else {
    bus = new MemoryBus();
    registry = new MemoryRegistry();
  }
  const metricsRegistry = createMetricsRegistry();
  const collector = createCollector({
    app: options.app,
    identity: options.identity,
    targets: options.targets,
    bus,
    registry,
    hostStats: options.hostStats,
    settings: options.settings,
    logger,
    metricsRegistry,
    tracer: telemetry.tracer,
  });
  const server = await startCollectorServer({
    registry: metricsRegistry,
    ready: () => collector.ready(),
    host: options.listen.host,
    port: options.listen.port,
    logger,
  });
  collector.start();
  logger.info(
    {
      identity: options.identity,
      bus: busLabel,
      tracing: telemetry.enabled,
    },
    'collector sidecar running',
  );
  let stopping: Promise<void> | undefined;
  return {
    collector,
    server,
    logger,
    shutdown: () => {
      stopping ??= (async () => {
        const step = async (what: string, fn: () => Promise<void>): Promise<void> => {
          try {
            await fn();
          } catch (err) {
            logger.error({ err: describeError(err) }, `shutdown: ${what} failed`);
          }
        };
        await step('server close', () => server.close());
        await step('collector stop', () => collector.stop());
        await step('bus close', () => bus.close());
        await step('registry close', () => registry.close());
        await step('telemetry shutdown', () => telemetry.shutdown());
        logger.info('collector sidecar stopped');
      })();
      return stopping;
    },
  };
}
