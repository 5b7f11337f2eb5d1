import { GovernorError } from '@governor/errors';
import type { Logger } from '@governor/telemetry';
import type { FastifyInstance } from 'fastify';
import { appStatus } from '../app-status.js';
import type { Autoscaler } from '../autoscaler.js';
import { requireBearer, type TokenSource } from './bearer-auth.js';
import { overrideTtlMs } from './parse-ttl.js';
import { appParams, errorSchema, overrideBody, pauseBody } from './schemas.js';

const security = [{ bearer: [] }];
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

/** Mutating API: pause, resume, override, reload. Every route needs the bearer token. */
export function registerMutateRoutes(
  api: FastifyInstance,
  autoscaler: Autoscaler,
  token: TokenSource,
  now: () => number,
  logger: Logger,
): void {
  const onRequest = requireBearer(token);

  api.post<{ Params: { app: string }; Body: { reason?: string } | null }>(
    '/v1/apps/:app/pause',
    {
      onRequest,
      schema: {
        summary: 'Pause: keep deciding and recording, stop acting',
        tags: ['control'],
        security,
        params: appParams,
        body: pauseBody,
        response: errors,
      },
    },
    async (req) => {
      const rt = autoscaler.requireApp(req.params.app);
      const reason = req.body?.reason;
      rt.pause = { at: now(), ...(reason ? { reason } : {}) };
      logger.info({ app: rt.name, reason }, 'app paused through the API');
      return appStatus(rt, autoscaler.decisions, now());
    },
  );

  api.post<{ Params: { app: string } }>(
    '/v1/apps/:app/resume',
    {
      onRequest,
      schema: {
        summary: 'Resume after a pause (back to the configured mode)',
        tags: ['control'],
        security,
        params: appParams,
        response: errors,
      },
    },
    async (req) => {
      const rt = autoscaler.requireApp(req.params.app);
      rt.pause = undefined;
      logger.info({ app: rt.name }, 'app resumed through the API');
      return appStatus(rt, autoscaler.decisions, now());
    },
  );

  api.post<{
    Params: { app: string };
    Body: { machines: number; ttl?: string; expiresIn?: number; reason?: string };
  }>(
    '/v1/apps/:app/override',
    {
      onRequest,
      schema: {
        summary: 'Run a fixed number of machines until the override expires',
        tags: ['control'],
        security,
        params: appParams,
        body: overrideBody,
        response: errors,
      },
    },
    async (req) => {
      const rt = autoscaler.requireApp(req.params.app);
      const ttl = overrideTtlMs(req.body);
      const { machines, reason } = req.body;
      if (machines < rt.policy.min || machines > rt.policy.max) {
        throw new GovernorError(
          'GOV_SERVICE_OVERRIDE_OUT_OF_BOUNDS',
          `body field machines must be within the policy bounds [${rt.policy.min}, ${rt.policy.max}], got ${machines}`,
          { details: { field: 'machines', app: rt.name } },
        );
      }
      const at = now();
      rt.override = { machines, setAt: at, expiresAt: at + ttl, ...(reason ? { reason } : {}) };
      logger.info({ app: rt.name, machines, ttlMs: ttl, reason }, 'manual override set through the API');
      return appStatus(rt, autoscaler.decisions, now());
    },
  );

  api.delete<{ Params: { app: string } }>(
    '/v1/apps/:app/override',
    {
      onRequest,
      schema: {
        summary: 'Cancel a manual override',
        tags: ['control'],
        security,
        params: appParams,
        response: errors,
      },
    },
    async (req) => {
      const rt = autoscaler.requireApp(req.params.app);
      rt.override = undefined;
      logger.info({ app: rt.name }, 'manual override cleared through the API');
      return appStatus(rt, autoscaler.decisions, now());
    },
  );

  api.post(
    '/v1/config/reload',
    {
      onRequest,
      schema: {
        summary: 'Reload the config file now (like SIGHUP); 422 when invalid (old config kept)',
        tags: ['config'],
        security,
      },
    },
    async (_req, reply) => {
      const status = await autoscaler.reload();
      return reply.code(status.ok ? 200 : 422).send(status);
    },
  );
}
