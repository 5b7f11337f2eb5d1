import swagger from '@fastify/swagger';
import { type Logger, silentLogger } from '@governor/telemetry';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Autoscaler } from '../autoscaler.js';
import { InstanceDirectory } from '../discovery/instance-directory.js';
import { registerDiscoveryRoutes } from '../discovery/routes-discovery.js';
import type { TokenSource } from './bearer-auth.js';
import { apiErrorHandler } from './error-handler.js';
import { registerHealthRoutes } from './routes-health.js';
import { registerMutateRoutes } from './routes-mutate.js';
import { registerReadRoutes } from './routes-read.js';

/** Options of {@link buildApi}. */
export interface ApiOptions {
  readonly autoscaler: Autoscaler;
  /** The API token (config `daemon.apiToken`), read per request. Default: the config's SecretRef. */
  readonly token?: TokenSource;
  readonly logger?: Logger;
  /** Clock, ms since epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * The autoscaler's HTTP API (fastify), documented by OpenAPI at
 * `/openapi.json`. Reads are open; mutations need `Authorization: Bearer`.
 * Discovery (`/v1/apps/:app/instances`) is served when the autoscaler has an
 * instance registry.
 */
export async function buildApi(options: ApiOptions): Promise<FastifyInstance> {
  const { autoscaler } = options;
  const logger = options.logger ?? silentLogger();
  const now = options.now ?? Date.now;
  const token = options.token ?? (() => autoscaler.config.daemon.apiToken?.reveal());
  const api = Fastify({
    logger: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  });
  await api.register(swagger, {
    openapi: {
      info: {
        title: 'Governor autoscaler API',
        version: '1',
        description: 'Fleet state, decisions with explanations, and controls (pause, resume, override).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  api.setErrorHandler(apiErrorHandler);
  api.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send({ error: 'GOV_SERVICE_INVALID_REQUEST', message: `no route ${req.method} ${req.url}` }),
  );
  registerHealthRoutes(api, autoscaler);
  registerReadRoutes(api, autoscaler, now);
  registerMutateRoutes(api, autoscaler, token, now, logger);
  const registry = autoscaler.registry;
  if (registry) {
    const directory = new InstanceDirectory({
      registry,
      bus: autoscaler.bus,
      inFlightMetric: (app) => autoscaler.app(app)?.policy.metrics.inFlight,
      staleAfter: () => autoscaler.config.collector.staleAfter,
      now,
    });
    registerDiscoveryRoutes(api, autoscaler, directory, logger);
  }
  api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
  return api;
}
