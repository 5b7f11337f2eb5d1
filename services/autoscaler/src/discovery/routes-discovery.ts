import { describeError } from '@governor/errors';
import type { Logger } from '@governor/telemetry';
import type { FastifyInstance } from 'fastify';
import { appParams, errorSchema } from '../api/schemas.js';
import type { Autoscaler } from '../autoscaler.js';
import { instancesBody as instancesBodySchema, instancesQuery } from './discovery-schemas.js';
import type { InstanceDirectory } from './instance-directory.js';
import { InstanceWatchHub } from './instance-watch-hub.js';
import { changeKey, instancesBody } from './instances-body.js';
import type { InstanceQuery } from './select-instances.js';

/** Comment line sent to idle watchers so proxies keep the stream open, ms. */
const KEEPALIVE_MS = 15_000;

/**
 * Discovery reads (open, like every read): the live instance list of an app
 * and a server-sent-events watch that pushes it whenever it changes.
 */
export function registerDiscoveryRoutes(
  api: FastifyInstance,
  autoscaler: Autoscaler,
  directory: InstanceDirectory,
  logger: Logger,
): void {
  const regionOrder = () => autoscaler.config.discovery.regionOrder;
  const hub = new InstanceWatchHub({
    list: (app) => directory.list(app),
    interval: () => autoscaler.config.discovery.watchInterval,
    onError: (app, err) => logger.warn({ app, err: describeError(err) }, 'discovery watch read failed'),
  });
  const streams = new Set<() => void>();
  api.addHook('preClose', async () => {
    for (const end of [...streams]) end();
    await hub.close();
  });

  api.get<{ Params: { app: string }; Querystring: InstanceQuery }>(
    '/v1/apps/:app/instances',
    {
      schema: {
        summary: 'Live instances of an app: region, address, ready, draining, last seen, load',
        tags: ['discovery'],
        params: appParams,
        querystring: instancesQuery,
        response: { 200: instancesBodySchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const app = autoscaler.requireApp(req.params.app).name;
      return instancesBody(app, await directory.list(app), req.query, regionOrder());
    },
  );

  api.get<{ Params: { app: string }; Querystring: InstanceQuery }>(
    '/v1/apps/:app/instances/watch',
    {
      schema: {
        summary:
          'Server-sent events: an `instances` event with the list body at once and whenever it changes',
        tags: ['discovery'],
        params: appParams,
        querystring: instancesQuery,
        produces: ['text/event-stream'],
        response: { 400: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const app = autoscaler.requireApp(req.params.app).name;
      const query = req.query;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 1000\n\n');
      let lastKey = '';
      let seq = 0;
      const unsubscribe = hub.subscribe(app, (all) => {
        const body = instancesBody(app, all, query, regionOrder());
        const key = changeKey(body);
        if (key === lastKey) return;
        lastKey = key;
        seq++;
        res.write(`id: ${seq}\nevent: instances\ndata: ${JSON.stringify(body)}\n\n`);
      });
      const keepalive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
      keepalive.unref();
      const end = () => {
        if (!streams.delete(end)) return;
        clearInterval(keepalive);
        unsubscribe();
        res.end();
      };
      streams.add(end);
      req.raw.on('close', end);
      res.on('error', end);
    },
  );
}
