import { type ActionHandler, BullMQActionQueue, createScaleWorker, type FenceCheck } from '@governor/actions';
import {
  createRedisConnection,
  type FenceGuard,
  RedisBus,
  RedisFenceGuard,
  RedisReplicaSet,
  shardOf,
  shardPrefix,
} from '@governor/bus';
import { describeError, GovernorError } from '@governor/errors';
import type { Provider } from '@governor/providers';
import { type Clock, PeriodicLoop, systemClock } from '@governor/runtime';
import type { History } from '@governor/scaler';
import { type Logger, silentLogger } from '@governor/telemetry';
import type { Redis } from 'ioredis';
import type { AppRuntime } from '../app-runtime.js';
import type { SelfMetrics } from '../self-metrics.js';
import { FencedProvider } from './fenced-provider.js';
import { leaderFence } from './leader-fence.js';
import { LeaderQueue } from './leader-queue.js';
import { RedisHistoryStore } from './redis-history-store.js';
import { ShardCoordinator } from './shard-coordinator.js';
import { ShardedHistoryStore } from './sharded-history-store.js';

/** Options of {@link startCluster}. */
export interface ClusterOptions {
  /** Redis URL (secret: never logged unredacted). */
  readonly redisUrl: string;
  /** This replica's id (unique among replicas; no `|`). */
  readonly replicaId: string;
  /** Leader lease TTL in ms (config `daemon.leaseTtl`); each shard's lease and the replica heartbeat. */
  readonly leaseTtlMs: number;
  /** Number of shards (config `daemon.shards`; every replica must use the same). */
  readonly shards: number;
  /**
   * The app runtimes this replica decides for (the Autoscaler's `apps()`),
   * read when a shard is won: a newly elected leader loads its shard's
   * histories into them.
   */
  readonly apps: () => readonly AppRuntime[];
  /** The provider of an app (the worker acts through it). */
  readonly provider: (app: string) => Provider;
  /** Stopped machines to keep for an app. Default 0. */
  readonly warmPool?: (app: string) => number;
  /** The daemon's metrics (leader gauges). */
  readonly metrics: SelfMetrics;
  /** Default: silent. */
  readonly logger?: Logger;
  /** Clock (paces repeated Redis connection error logs). Default {@link systemClock}. */
  readonly clock?: Clock;
  /** Prefix of every key (bus, lease, fences, history, queue). Default `governor:`. */
  readonly prefix?: string;
  /** One action attempt's timeout in ms. Default 60000. */
  readonly actionTimeoutMs?: number;
  /** Attempts per action (exponential backoff). Default 5. */
  readonly attempts?: number;
  /** First retry delay in ms. Default 1000. */
  readonly backoffMs?: number;
  /** Marks machines draining before a scale-down stops them (see `createScaleWorker`). Default: none. */
  readonly drain?: (app: string, ids: readonly string[], signal: AbortSignal) => Promise<void>;
  /** On close, wait this long for running actions to finish (1 s when Redis is unreachable). Default 30000. */
  readonly drainTimeoutMs?: number;
}

/** True when `p` settled (either way) within `ms`. */
async function settledWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  const done = p.then(
    () => true,
    () => true,
  );
  const r = await Promise.race([done, timeout]);
  clearTimeout(timer);
  return r;
}

/** Cluster mode's parts, wired to one Redis. */
export interface Cluster {
  readonly bus: RedisBus;
  /** The queue to give the Autoscaler: only the leader can enqueue. */
  readonly queue: LeaderQueue;
  /** The BullMQ queue and this replica's worker. */
  readonly actions: BullMQActionQueue;
  /** Which shards this replica leads (one lease each). */
  readonly shards: ShardCoordinator;
  readonly history: ShardedHistoryStore;
  /** The fence every action passes before and during its steps. */
  readonly fence: FenceCheck;
  /** Autoscaler options for cluster mode (spread them into `new Autoscaler`). */
  readonly autoscalerOptions: {
    readonly bus: RedisBus;
    readonly queue: LeaderQueue;
    readonly leading: (app: string) => boolean;
    readonly tickGroup: (app: string) => string;
    readonly fencingToken: (app: string) => number | undefined;
    readonly saveHistory: (app: string, history: History) => Promise<void>;
    readonly readiness: () => string | undefined;
  };
  /** Starts shard coordination (heartbeat, claims, renewals). */
  start(): void;
  /** Steps down (releases every shard lease), drains this replica's worker, closes every connection. */
  close(): Promise<void>;
}

/**
 * Opens cluster mode on one Redis (or Redis Cluster): the snapshot bus, the
 * shard coordinator (one lease per shard, balanced among live replicas), the
 * per-shard fence guards and decision histories, and the BullMQ action queue
 * whose worker runs here too (any replica's worker may run a job; the fence
 * of the app's shard decides whether it acts).
 */
export function startCluster(options: ClusterOptions): Cluster {
  const logger = options.logger ?? silentLogger();
  const clock = options.clock ?? systemClock;
  const prefix = options.prefix ?? 'governor:';
  const ttl = options.leaseTtlMs;
  const connections: Redis[] = [];
  const open = (name: string, forBullMQ: boolean, commandTimeoutMs?: number): Redis => {
    let lastLog = 0;
    const redis = createRedisConnection(options.redisUrl, {
      name: `governor-${options.replicaId}-${name}`,
      forBullMQ,
      ...(commandTimeoutMs === undefined ? {} : { commandTimeoutMs }),
      onError: (err) => {
        // Reconnect attempts repeat the same error; one line per connection every 5 s is enough.
        const now = clock.now();
        if (now - lastLog < 5000) return;
        lastLog = now;
        logger.warn({ connection: name, err: describeError(err) }, 'redis connection error');
      },
    });
    connections.push(redis);
    return redis;
  };
  // Lease commands must fail well within the TTL, so a replica that cannot renew notices in time.
  const leaseRedis = open('lease', false, Math.max(Math.min(2000, Math.floor(ttl / 3)), 100));
  const busRedis = open('bus', false);
  const queueRedis = open('queue', true);
  const workerRedis = open('worker', true);

  const bus = new RedisBus({
    redis: busRedis,
    prefix,
    onDecodeError: (err) =>
      logger.warn({ err: describeError(err) }, 'skipped and removed a stored snapshot that is not one'),
  });
  const shardCount = options.shards;
  const appShard = (app: string) => shardOf(app, shardCount);
  const onHistoryDecodeError = (err: GovernorError) =>
    logger.warn(
      { err: describeError(err) },
      'ignored a stored history that is not one; the app starts afresh',
    );
  const history = new ShardedHistoryStore(
    Array.from(
      { length: shardCount },
      (_, s) =>
        // Not the lease connection: a tick's many history saves must never delay a lease renewal.
        new RedisHistoryStore(busRedis, {
          prefix: shardPrefix(prefix, s),
          onDecodeError: onHistoryDecodeError,
        }),
    ),
    appShard,
  );
  const guards = Array.from(
    { length: shardCount },
    (_, s) => new RedisFenceGuard(leaseRedis, shardPrefix(prefix, s)),
  );
  const guard: FenceGuard = {
    admit: (app, token) => (guards[appShard(app)] as RedisFenceGuard).admit(app, token),
  };
  const shards = new ShardCoordinator({
    redis: leaseRedis,
    replicas: new RedisReplicaSet(leaseRedis, options.replicaId, { ttlMs: ttl, prefix }),
    shards: shardCount,
    ttlMs: ttl,
    prefix,
    metrics: options.metrics,
    logger,
    onElected: async (shard, token) => {
      // Hand-over: continue the previous owner's windows and periods for this shard's apps.
      const apps = options.apps().filter((rt) => appShard(rt.name) === shard);
      const stored = await history.shard(shard).load(apps.map((rt) => rt.name));
      for (const rt of apps) {
        const h = stored.get(rt.name);
        if (h) rt.history = h;
      }
      logger.info(
        { shard, fencingToken: token, restored: stored.size },
        'took over a shard; loaded its decision history',
      );
    },
  });
  const fence = leaderFence((app) => shards.lease(appShard(app)), guard);

  // A worker per request, so each provider call re-checks that request's fence.
  const handler: ActionHandler = (request, signal, owns) =>
    createScaleWorker({
      provider: (app) => new FencedProvider(options.provider(app), request, fence, owns),
      warmPool: options.warmPool ?? (() => 0),
      ...(options.drain
        ? {
            drain: options.drain,
            onDrainError: (app: string, err: unknown) =>
              logger.warn({ app, err: describeError(err) }, 'could not mark machines draining'),
          }
        : {}),
    })(request, signal);
  const actions = new BullMQActionQueue({
    connection: queueRedis,
    workerConnection: workerRedis,
    handler,
    fence,
    // BullMQ's Redis Cluster rule: a hash-tagged prefix keeps every key of the queue in one slot.
    prefix: `{${prefix.replace(/:$/, '')}}`,
    timeoutMs: options.actionTimeoutMs ?? 60_000,
    attempts: options.attempts ?? 5,
    backoffMs: options.backoffMs ?? 1000,
    // A job whose worker died (kill -9) runs again after about one lease TTL, not BullMQ's 30 s.
    lockDurationMs: Math.max(ttl * 2, 1000),
    stalledIntervalMs: Math.max(ttl, 500),
  });
  const queue = new LeaderQueue(actions, { token: (app) => shards.token(app) });
  // governor_action_queue_depth between enqueues and jobs; refreshCounts keeps the last counts on failure.
  const depthRefresh = new PeriodicLoop({
    name: 'action queue depth refresh',
    interval: () => Math.max(ttl, 1000),
    run: async () => {
      await actions.refreshCounts();
    },
  });

  const saveHistory = async (app: string, h: History): Promise<void> => {
    const token = shards.token(app);
    if (token === undefined) {
      throw new GovernorError(
        'GOV_SERVICE_NOT_LEADER',
        `not saving the history of ${app}: this replica does not lead its shard`,
      );
    }
    if (!(await history.save(app, h, token))) {
      throw new GovernorError(
        'GOV_SERVICE_NOT_LEADER',
        `not saving the history of ${app}: a newer leader (token above ${token}) has written it`,
        { details: { app, fencingToken: token } },
      );
    }
  };

  return {
    bus,
    queue,
    actions,
    shards,
    history,
    fence,
    autoscalerOptions: {
      bus,
      queue,
      leading: (app) => shards.leading(app),
      // A shard's apps tick together: one timer per shard, their reads and history saves batched.
      tickGroup: (app) => `shard ${appShard(app)}`,
      fencingToken: (app) => shards.token(app),
      saveHistory,
      readiness: () => shards.notReadyReason,
    },
    start() {
      shards.start();
      depthRefresh.start(Math.max(ttl, 1000));
    },
    async close() {
      // Stops its timer at once; a refresh in flight (it may wait on a Redis that is away) is not waited for.
      void depthRefresh.stop();
      await shards.stop();
      // Drain running actions, but not forever: with Redis away BullMQ cannot finish closing.
      const drainMs = workerRedis.status === 'ready' ? (options.drainTimeoutMs ?? 30_000) : 1000;
      const drained = await settledWithin(actions.close(), drainMs);
      if (!drained)
        logger.warn({ drainMs }, 'action worker did not drain in time; closing connections anyway');
      await bus.close();
      await Promise.all(
        connections.map(async (c) => {
          if (c.status !== 'ready' || !(await settledWithin(c.quit(), 1000))) c.disconnect();
        }),
      );
    },
  };
}
