import type { FastifyInstance } from 'fastify';
import { appStatus } from '../app-status.js';
import type { Autoscaler } from '../autoscaler.js';
import { publicRecord } from '../decision-record.js';
import { appParams, appQuery, decisionsQuery } from './schemas.js';

/** Read-only API: apps, one app with its last decisions, decisions, config status. */
export function registerReadRoutes(api: FastifyInstance, autoscaler: Autoscaler, now: () => number): void {
  api.get(
    '/v1/apps',
    {
      schema: {
        summary: 'Every app: mode, current vs desired machines, bounds, last decision',
        tags: ['apps'],
      },
    },
    async () => ({ apps: autoscaler.apps().map((rt) => appStatus(rt, autoscaler.decisions, now())) }),
  );

  api.get<{ Params: { app: string }; Querystring: { decisions?: number } }>(
    '/v1/apps/:app',
    {
      schema: {
        summary:
          'One app: current, desired, bounds, machines, fleet stats and its last decisions with explanations',
        tags: ['apps'],
        params: appParams,
        querystring: appQuery,
      },
    },
    async (req) => {
      const rt = autoscaler.requireApp(req.params.app);
      const last = autoscaler.decisions.list({ app: rt.name, limit: req.query.decisions ?? 10 });
      return {
        ...appStatus(rt, autoscaler.decisions, now()),
        decisions: last.reverse().map((r) => publicRecord(r)),
      };
    },
  );

  api.get<{ Params: { app: string } }>(
    '/v1/apps/:app/snapshots',
    {
      schema: {
        summary: 'The newest sidecar snapshot per instance of one app (what `governor eval` reads)',
        tags: ['apps'],
        params: appParams,
      },
    },
    async (req) => {
      const rt = autoscaler.requireApp(req.params.app);
      return { snapshots: await autoscaler.snapshots(rt.name) };
    },
  );

  api.get<{ Querystring: { app?: string; since?: number; limit?: number; full?: boolean } }>(
    '/v1/decisions',
    {
      schema: {
        summary: 'Recorded decisions, newest first, with explanations and the actions they caused',
        tags: ['decisions'],
        querystring: decisionsQuery,
      },
    },
    async (req) => {
      const { app, since, limit, full } = req.query;
      if (app !== undefined) autoscaler.requireApp(app);
      const records = autoscaler.decisions.list({
        ...(app === undefined ? {} : { app }),
        ...(since === undefined ? {} : { since }),
        limit: limit ?? 100,
      });
      return { decisions: records.reverse().map((r) => publicRecord(r, full === true)) };
    },
  );

  api.get(
    '/v1/config',
    { schema: { summary: 'The config in force (hash) and the last reload attempt', tags: ['config'] } },
    async () => ({
      hash: autoscaler.configHash,
      apps: autoscaler.config.apps.map((a) => a.name),
      tickInterval: autoscaler.config.daemon.tickInterval,
      lastReload: autoscaler.reloadStatus ?? null,
    }),
  );
}
