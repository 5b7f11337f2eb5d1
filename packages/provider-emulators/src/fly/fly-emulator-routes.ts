import type { KeyedBuckets } from '@governor/providers/fly';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmuMachine, FlyEmulatorState } from './fly-emulator-state.js';

type Req = FastifyRequest<{
  Params: { app: string; id: string };
  Querystring: Record<string, string | undefined>;
  Body: Record<string, unknown> | undefined;
}>;

/** Route dependencies. */
export interface FlyRouteDeps {
  readonly state: FlyEmulatorState;
  /** Null when rate limiting is off. */
  readonly buckets: KeyedBuckets | null;
  /** Regions with no capacity left (create answers insufficient_capacity). */
  readonly fullRegions: Set<string>;
}

function fail(reply: FastifyReply, status: number, error: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).send({ error, ...extra });
}

const NONCE = 'fly-machine-lease-nonce';

/** Registers the Machines API routes the emulator implements (under /v1). */
export function registerFlyRoutes(app: FastifyInstance, deps: FlyRouteDeps): void {
  const { state } = deps;

  const limited = (reply: FastifyReply, action: string, target: string): boolean => {
    if (!deps.buckets) return false;
    const b = deps.buckets.get(action, target);
    if (b.tryTake()) return false;
    void reply
      .code(429)
      .header('retry-after', String(Math.max(1, Math.ceil(b.waitTime() / 1000))))
      .send({ error: 'rate limit exceeded' });
    return true;
  };

  const findApp = (req: Req, reply: FastifyReply): boolean => {
    if (state.apps.has(req.params.app)) return true;
    void fail(reply, 404, `app not found: ${req.params.app}`);
    return false;
  };

  const findMachine = (req: Req, reply: FastifyReply): EmuMachine | undefined => {
    if (!findApp(req, reply)) return undefined;
    const m = state.machine(req.params.app, req.params.id);
    if (!m || (m.api.state === 'destroyed' && req.method !== 'GET')) {
      void fail(reply, 404, 'machine not found');
      return undefined;
    }
    return m;
  };

  /** True (and answered 409) when a lease is held and the request lacks its nonce. */
  const leaseBlocks = (req: Req, reply: FastifyReply, m: EmuMachine): boolean => {
    const lease = m.lease;
    if (!lease || req.headers[NONCE] === lease.nonce) return false;
    void fail(
      reply,
      409,
      `machine ${m.api.id} lease currently held by ${lease.owner}, expires at ${new Date(lease.expires_at * 1000).toISOString()}`,
    );
    return true;
  };

  const mutation = (action: string) => (req: Req, reply: FastifyReply) => {
    const m = findMachine(req, reply);
    if (!m || limited(reply, action, m.api.id) || leaseBlocks(req, reply, m)) return;
    const s = m.api.state;
    const t = state.timings;
    const precondition = () =>
      fail(reply, 412, `failed_precondition: unable to ${action} machine from state '${s}'`);
    if (action === 'start') {
      if (s === 'stopped' || s === 'created' || s === 'failed')
        state.transition(m, 'starting', 'started', t.start);
      else if (s === 'suspended') state.transition(m, 'starting', 'started', t.resume);
      else return precondition();
      return reply.send({ previous_state: s, migrated: false, new_host: '' });
    }
    if (action === 'stop') {
      if (s === 'started') state.transition(m, 'stopping', 'stopped', t.stop);
      else if (s === 'suspended') state.transition(m, 'stopping', 'stopped', 0);
      else return precondition();
      return reply.send({ ok: true });
    }
    if (s !== 'started') return precondition();
    state.transition(m, 'suspending', 'suspended', t.suspend);
    return reply.send({ ok: true });
  };

  app.get('/v1/apps/:app', (req: Req, reply) => {
    if (!findApp(req, reply)) return;
    return reply.send({
      id: req.params.app,
      name: req.params.app,
      status: 'deployed',
      organization: { slug: 'personal' },
    });
  });

  app.get('/v1/apps/:app/machines', (req: Req, reply) => {
    if (!findApp(req, reply) || limited(reply, 'list', req.params.app)) return;
    const q = req.query;
    const includeDeleted = q.include_deleted === 'true';
    const meta = Object.entries(q).filter(([k]) => k.startsWith('metadata.'));
    const states = q.state?.split(',');
    const out = state.list(req.params.app).filter((m) => {
      if (m.api.state === 'destroyed' && !includeDeleted) return false;
      if (q.region && m.api.region !== q.region) return false;
      if (states && !states.includes(m.api.state)) return false;
      const md = (m.api.config.metadata ?? {}) as Record<string, unknown>;
      return meta.every(([k, v]) => md[k.slice('metadata.'.length)] === v);
    });
    return reply.send(out.map((m) => m.api));
  });

  app.post('/v1/apps/:app/machines', (req: Req, reply) => {
    if (!findApp(req, reply) || limited(reply, 'create', req.params.app)) return;
    const body = req.body ?? {};
    const config = body.config as Record<string, unknown> | undefined;
    if (!config || typeof config !== 'object' || typeof config.image !== 'string' || config.image === '') {
      return fail(reply, 400, 'invalid config: image is required');
    }
    const region = typeof body.region === 'string' && body.region !== '' ? body.region : 'iad';
    if (deps.fullRegions.has(region)) {
      return fail(reply, 412, `insufficient resources to create machine in ${region}`, {
        status: 'insufficient_capacity',
      });
    }
    const name = typeof body.name === 'string' ? body.name : undefined;
    const m = state.create(req.params.app, region, config, body.skip_launch === true, name);
    return reply.send(m.api);
  });

  app.get('/v1/apps/:app/machines/:id', (req: Req, reply) => {
    const m = findMachine(req, reply);
    if (!m || limited(reply, 'get', m.api.id)) return;
    return reply.send(m.api);
  });

  app.post('/v1/apps/:app/machines/:id/start', mutation('start'));
  app.post('/v1/apps/:app/machines/:id/stop', mutation('stop'));
  app.post('/v1/apps/:app/machines/:id/suspend', mutation('suspend'));

  app.delete('/v1/apps/:app/machines/:id', (req: Req, reply) => {
    const m = findMachine(req, reply);
    if (!m || limited(reply, 'destroy', m.api.id) || leaseBlocks(req, reply, m)) return;
    const force = req.query.force === 'true' || req.query.kill === 'true';
    const s = m.api.state;
    if (s === 'destroying') return reply.send({ ok: true });
    if (!force && s !== 'stopped' && s !== 'created' && s !== 'suspended' && s !== 'failed') {
      return fail(reply, 412, `failed_precondition: machine is ${s}, use force=true to destroy it`);
    }
    state.transition(m, 'destroying', 'destroyed', state.timings.destroy);
    m.lease = undefined;
    return reply.send({ ok: true });
  });

  app.get('/v1/apps/:app/machines/:id/wait', async (req: Req, reply) => {
    const m = findMachine(req, reply);
    if (!m) return;
    const want = req.query.state ?? 'started';
    if (!['started', 'stopped', 'suspended', 'destroyed'].includes(want)) {
      return fail(reply, 400, `invalid state: ${want}`);
    }
    if (want === 'stopped' && !req.query.instance_id) {
      return fail(reply, 400, 'instance_id is required when waiting for stopped');
    }
    if (req.query.instance_id && req.query.instance_id !== m.api.instance_id) {
      return fail(reply, 400, `instance_id ${req.query.instance_id} does not match the machine`);
    }
    const timeout = Number(req.query.timeout ?? '60');
    if (!Number.isFinite(timeout) || timeout < 1 || timeout > 60) return fail(reply, 400, 'invalid timeout');
    const deadline = state.now() + timeout * 1000;
    for (;;) {
      state.settle(m);
      if (m.api.state === want) return reply.send({ ok: true });
      if (state.now() >= deadline) {
        return fail(reply, 408, `deadline_exceeded: timeout waiting for machine to be ${want}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  });

  app.post('/v1/apps/:app/machines/:id/lease', (req: Req, reply) => {
    const m = findMachine(req, reply);
    if (!m || limited(reply, 'lease', m.api.id)) return;
    const body = req.body ?? {};
    const ttl = Number(body.ttl ?? req.query.ttl ?? 30);
    const nonce = req.headers[NONCE] as string | undefined;
    const description = typeof body.description === 'string' ? body.description : '';
    const lease = state.lease(m, ttl, nonce, 'governor@example.com', description);
    if (!lease) {
      const held = m.lease;
      return fail(reply, 409, `machine ${m.api.id} already has a lease held by ${held?.owner ?? 'someone'}`);
    }
    return reply.code(201).send({ status: 'success', data: lease });
  });

  app.get('/v1/apps/:app/machines/:id/lease', (req: Req, reply) => {
    const m = findMachine(req, reply);
    if (!m) return;
    if (!m.lease) return fail(reply, 404, 'lease not found');
    return reply.send({ status: 'success', data: m.lease });
  });

  app.delete('/v1/apps/:app/machines/:id/lease', (req: Req, reply) => {
    const m = findMachine(req, reply);
    if (!m) return;
    const nonce = req.headers[NONCE];
    if (typeof nonce !== 'string' || nonce === '')
      return fail(reply, 400, 'fly-machine-lease-nonce header is required');
    if (m.lease && m.lease.nonce !== nonce) return fail(reply, 409, 'lease nonce does not match');
    m.lease = undefined;
    return reply.send({ status: 'success', data: { ok: true } });
  });
}
