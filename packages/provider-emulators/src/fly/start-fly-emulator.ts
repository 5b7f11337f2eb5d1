import { randomBytes, randomUUID } from 'node:crypto';
import { flyRateLimit, KeyedBuckets } from '@governor/providers/fly';
import Fastify from 'fastify';
import { registerFlyRoutes } from './fly-emulator-routes.js';
import { FlyEmulatorState } from './fly-emulator-state.js';
import type {
  FlyApiLease,
  FlyApiMachine,
  FlyEmulatorTimings,
  FlyFault,
  FlyRequestRecord,
} from './fly-emulator-types.js';

/** Options of {@link startFlyEmulator}. */
export interface FlyEmulatorOptions {
  /** The token clients must send (`Bearer` or `FlyV1`). Default: random. */
  readonly token?: string;
  /** Apps that exist at start. Default `['web']`. */
  readonly apps?: readonly string[];
  /** State-machine durations in ms (see {@link FlyEmulatorTimings} for defaults). */
  readonly timings?: Partial<FlyEmulatorTimings>;
  /** Enforce the API's per-action rate limits with 429. Default true. */
  readonly rateLimit?: boolean;
  /** Clock in ms. Default `Date.now`. */
  readonly now?: () => number;
}

/** A machine to seed (skips the API, its rate limits and timings). */
export interface FlySeedMachine {
  readonly app: string;
  readonly region: string;
  readonly config: Record<string, unknown>;
  /** Default `started`. */
  readonly state?: 'started' | 'stopped' | 'suspended' | 'created';
}

/** A running emulator. */
export interface FlyEmulator {
  /** Base URL, without `/v1` (like `https://api.machines.dev`). */
  readonly url: string;
  readonly token: string;
  /** Stops the server; idempotent. */
  close(): Promise<void>;
  /** State inspection. */
  readonly state: {
    /** Machines of an app in wire format (destroyed ones included), settled now. */
    machines(app: string): FlyApiMachine[];
    /** The current lease of a machine, if any. */
    lease(app: string, id: string): FlyApiLease | undefined;
    /** Every request served, oldest first (Authorization is never recorded). */
    readonly requests: readonly FlyRequestRecord[];
  };
  /** Fault injection and setup. */
  readonly faults: {
    /** Answers matching requests with an error status (see {@link FlyFault}). */
    inject(fault: FlyFault): void;
    /** Removes every injected fault. */
    clear(): void;
    /** Holds a lease as another owner; returns its nonce. */
    holdLease(app: string, id: string, ttlSec: number): string;
    /** Forces a machine's health checks to fail (`critical`) or pass. */
    setChecks(app: string, id: string, status: 'passing' | 'critical'): void;
    /** Makes create in a region fail with insufficient_capacity (or lifts it). */
    setRegionFull(region: string, full: boolean): void;
    /** The next `count` boots (create or start) of the app's machines end in `failed`. */
    failBoots(app: string, count: number): void;
  };
  /** Creates an app. */
  addApp(name: string): void;
  /** Puts a machine in place directly; returns its id. */
  seedMachine(seed: FlySeedMachine): string;
}

const DEFAULT_TIMINGS: FlyEmulatorTimings = {
  boot: 150,
  start: 60,
  resume: 30,
  stop: 60,
  suspend: 60,
  destroy: 30,
  health: 50,
};

interface LiveFault {
  readonly fault: FlyFault;
  left: number;
  readonly until: number;
}

/**
 * Starts a Fly Machines API emulator on 127.0.0.1 (a random port): the
 * machine state machine with timings, leases, error bodies, 401/404/408/409/
 * 412/429 behaviours, and fault injection. Point a client at `url`.
 */
export async function startFlyEmulator(options: FlyEmulatorOptions = {}): Promise<FlyEmulator> {
  const token = options.token ?? `fm2_${randomBytes(24).toString('base64url')}`;
  const now = options.now ?? Date.now;
  const state = new FlyEmulatorState({ ...DEFAULT_TIMINGS, ...options.timings }, now);
  for (const a of options.apps ?? ['web']) state.apps.add(a);
  const buckets = options.rateLimit === false ? null : new KeyedBuckets(flyRateLimit, now);
  const fullRegions = new Set<string>();
  const requests: FlyRequestRecord[] = [];
  let faults: LiveFault[] = [];
  /** Requests handled normally whose answer is replaced by a fault (`afterHandling`). */
  const lostAnswers = new WeakMap<object, FlyFault>();

  const app = Fastify({ logger: false });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(Object.assign(err as Error, { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    void reply.code(err.statusCode ?? 500).send({ error: err.message });
  });
  app.setNotFoundHandler((_req, reply) => {
    void reply.code(404).send({ error: 'not found' });
  });

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('fly-request-id', randomUUID());
    const auth = req.headers.authorization ?? '';
    const m = /^(Bearer|FlyV1) (.+)$/.exec(auth);
    if (!m || m[2] !== token) {
      return reply.code(401).send({ error: 'Authenticate: token validation error' });
    }
    const t = now();
    faults = faults.filter((f) => f.left > 0 && t < f.until);
    const path = req.url.split('?')[0] ?? '';
    const hit = faults.find(
      (f) => (!f.fault.method || f.fault.method === req.method) && (!f.fault.path || f.fault.path.test(path)),
    );
    if (!hit) return;
    hit.left--;
    if (hit.fault.retryAfter !== undefined) void reply.header('retry-after', String(hit.fault.retryAfter));
    if (hit.fault.afterHandling) {
      lostAnswers.set(req, hit.fault);
      return;
    }
    return reply
      .code(hit.fault.status)
      .send(hit.fault.body ?? { error: `injected fault ${hit.fault.status}` });
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const fault = lostAnswers.get(req);
    if (!fault) return payload;
    lostAnswers.delete(req);
    void reply.code(fault.status).header('content-type', 'application/json');
    return JSON.stringify(fault.body ?? { error: `injected fault ${fault.status}` });
  });
  app.addHook('onResponse', async (req, reply) => {
    const nonce = req.headers['fly-machine-lease-nonce'];
    requests.push({
      method: req.method,
      path: req.url,
      status: reply.statusCode,
      at: now(),
      ...(typeof nonce === 'string' ? { leaseNonce: nonce } : {}),
    });
  });

  registerFlyRoutes(app, { state, buckets, fullRegions });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  let closed = false;

  const need = (a: string, id: string) => {
    const mm = state.machine(a, id);
    if (!mm) throw new Error(`no machine ${id} in app ${a}`);
    return mm;
  };

  return {
    url: address,
    token,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
    },
    state: {
      machines: (a) => state.list(a).map((m) => structuredClone(m.api)),
      lease: (a, id) => {
        const l = need(a, id).lease;
        return l ? { ...l } : undefined;
      },
      requests,
    },
    faults: {
      inject(fault) {
        faults.push({
          fault,
          left: fault.count ?? Number.POSITIVE_INFINITY,
          until: fault.forMs === undefined ? Number.POSITIVE_INFINITY : now() + fault.forMs,
        });
      },
      clear() {
        faults = [];
      },
      holdLease(a, id, ttlSec) {
        const mm = need(a, id);
        mm.lease = undefined;
        const lease = state.lease(
          mm,
          ttlSec,
          undefined,
          'someone-else@example.com',
          'held by another deploy',
        );
        if (!lease) throw new Error('unreachable: lease was cleared');
        return lease.nonce;
      },
      setChecks(a, id, status) {
        const mm = need(a, id);
        mm.checkOverride = status;
        state.settle(mm);
      },
      failBoots(a, count) {
        state.failBoots.set(a, count);
      },
      setRegionFull(region, full) {
        if (full) fullRegions.add(region);
        else fullRegions.delete(region);
      },
    },
    addApp(name) {
      state.apps.add(name);
    },
    seedMachine(seed) {
      state.apps.add(seed.app);
      const wanted = seed.state ?? 'started';
      const m = state.create(seed.app, seed.region, seed.config, wanted !== 'started');
      if (wanted === 'started') {
        m.pending = undefined;
        m.api.state = 'started';
        m.startedAt = now() - state.timings.health;
      } else m.api.state = wanted;
      state.settle(m);
      return m.api.id;
    },
  };
}
