import {
  affinity,
  type LeaseStatus,
  RedisLeaderLease,
  type RedisReplicaSet,
  shardOf,
  shardPrefix,
} from '@governor/bus';
import { describeError } from '@governor/errors';
import { PeriodicLoop } from '@governor/runtime';
import { type Logger, silentLogger } from '@governor/telemetry';
import type { Redis } from 'ioredis';
import type { SelfMetrics } from '../self-metrics.js';
import { LeaderElector } from './leader-elector.js';

/** Options of {@link ShardCoordinator}. */
export interface ShardCoordinatorOptions {
  /** The lease connection (commands time out well within the TTL). */
  readonly redis: Redis;
  /** The live replicas, with this replica's heartbeat. */
  readonly replicas: RedisReplicaSet;
  /** Number of shards (config `daemon.shards`). */
  readonly shards: number;
  /** Lease TTL in ms (config `daemon.leaseTtl`); also the heartbeat TTL. */
  readonly ttlMs: number;
  /** Key prefix. Default `governor:`. */
  readonly prefix?: string;
  /** Runs when this replica wins a shard's lease, before it leads it (loads the shard's history). */
  readonly onElected?: (shard: number, token: number) => Promise<void>;
  /** Receives `governor_leader`, `governor_leader_fencing_token` and `governor_shards_owned`. */
  readonly metrics?: SelfMetrics;
  /** Default: silent. */
  readonly logger?: Logger;
}

/**
 * Shares the shards among the live replicas, one lease per shard. Every
 * `ttl / 3` a round: renew this replica's heartbeat and read the live
 * replicas (n) and every shard's holder; keep at most `ceil(shards / n)`
 * shards (the cap), giving up the excess with the lowest affinity; claim free
 * shards up to the cap in the order of affinity; renew the kept ones. Each
 * shard's {@link LeaderElector} keeps the single-lease rules: it leads only
 * while its last renewal is younger than the TTL minus a margin, and loads
 * the shard's history before leading. A replica that dies stops renewing:
 * its shards' leases and its heartbeat expire after one TTL, the cap of the
 * others grows, and they claim the freed shards; nobody else's shard moves.
 */
export class ShardCoordinator {
  readonly electors: readonly LeaderElector[];
  private readonly leases: readonly RedisLeaderLease[];
  private readonly wanted = new Set<number>();
  private readonly loop: PeriodicLoop;
  private readonly logger: Logger;
  private problem: string | undefined = 'leader election has not run yet';
  private liveCount = 0;

  constructor(private readonly options: ShardCoordinatorOptions) {
    this.logger = options.logger ?? silentLogger();
    const prefix = options.prefix ?? 'governor:';
    const id = options.replicas.replicaId;
    this.leases = Array.from(
      { length: options.shards },
      (_, s) =>
        new RedisLeaderLease(options.redis, id, { ttlMs: options.ttlMs, prefix: shardPrefix(prefix, s) }),
    );
    this.electors = this.leases.map(
      (lease, s) =>
        new LeaderElector({
          lease,
          ttlMs: options.ttlMs,
          wanted: () => this.wanted.has(s),
          logger: this.logger.child({ shard: s }),
          ...(options.onElected ? { onElected: (token: number) => options.onElected!(s, token) } : {}),
        }),
    );
    const every = Math.max(Math.floor(options.ttlMs / 3), 1);
    this.loop = new PeriodicLoop({
      name: 'shard coordination',
      interval: () => every,
      timeout: () => Math.max(every, options.ttlMs - Math.min(options.ttlMs / 10, 1000)),
      // Renewals must not wait behind a hung round (the leases would lapse), as in LeaderElector.
      grace: () => 0,
      run: () => this.round(),
      onError: (err) => {
        this.problem = `leader lease store unreachable: ${describeError(err)}`;
        this.publish();
      },
    });
    this.publish();
  }

  /** This replica's id. */
  get replicaId(): string {
    return this.options.replicas.replicaId;
  }

  /** The shard of an app. */
  shardOf(app: string): number {
    return shardOf(app, this.options.shards);
  }

  /** The lease of a shard (any replica's handle reads the current holder). */
  lease(shard: number): RedisLeaderLease {
    return this.leases[shard] as RedisLeaderLease;
  }

  /** True while this replica leads the app's shard. */
  leading(app: string): boolean {
    return (this.electors[this.shardOf(app)] as LeaderElector).leading;
  }

  /** The fencing token of the app's shard while this replica leads it. */
  token(app: string): number | undefined {
    return (this.electors[this.shardOf(app)] as LeaderElector).token;
  }

  /** Shards this replica leads now. */
  owned(): number[] {
    return this.electors.flatMap((e, s) => (e.leading ? [s] : []));
  }

  /** True while this replica leads at least one shard. */
  get leadingAny(): boolean {
    return this.electors.some((e) => e.leading);
  }

  /** Live replicas seen in the last round. */
  get live(): number {
    return this.liveCount;
  }

  /** Why shard ownership is unknown (store unreachable, not tried yet), or undefined. */
  get notReadyReason(): string | undefined {
    return this.problem;
  }

  /** Starts the rounds (the first at once). */
  start(): void {
    this.loop.start(0);
  }

  /** One round now (not overlapping the loop's). Never rejects. */
  runOnce(): Promise<void> {
    return this.loop.runOnce();
  }

  /** Stops, gives every held shard up and leaves the replica set (others take over at once). */
  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.all(this.electors.map((e) => e.stop()));
    try {
      await this.options.replicas.leave();
    } catch {
      // The heartbeat expires by itself.
    }
    this.publish();
  }

  private async round(): Promise<void> {
    const me = this.replicaId;
    const live = await this.options.replicas.heartbeat();
    const statuses: LeaseStatus[] = await Promise.all(this.leases.map((l) => l.current()));
    const n = Math.max(live.length + (live.includes(me) ? 0 : 1), 1);
    this.liveCount = n;
    const cap = Math.ceil(this.options.shards / n);
    const byAffinity = (a: number, b: number) => affinity(me, b) - affinity(me, a);
    const mine = statuses.flatMap((st, s) => (st.holder === me ? [s] : [])).sort(byAffinity);
    const free = statuses.flatMap((st, s) => (st.holder === undefined ? [s] : [])).sort(byAffinity);
    const keep = mine.slice(0, cap);
    const claim = free.slice(0, Math.max(cap - keep.length, 0));
    this.wanted.clear();
    for (const s of [...keep, ...claim]) this.wanted.add(s);
    // Renew and claim the wanted shards; hand over the rest that this replica may still hold.
    await Promise.all(
      this.electors.map((e, s) =>
        this.wanted.has(s) || e.leading || statuses[s]?.holder === me ? e.runOnce() : undefined,
      ),
    );
    this.problem = this.electors.find((e, s) => this.wanted.has(s) && e.notReadyReason)?.notReadyReason;
    this.publish();
  }

  private publish(): void {
    const m = this.options.metrics;
    if (!m) return;
    const replica = { replica: this.replicaId };
    const owned = this.electors.filter((e) => e.leading);
    m.leader.set(replica, owned.length > 0 ? 1 : 0);
    m.shardsOwned.set(replica, owned.length);
    m.shards.set(replica, this.options.shards);
    const tokens = owned.map((e) => e.token ?? 0);
    if (tokens.length === 0) m.fencingToken.remove(replica);
    else m.fencingToken.set(replica, Math.max(...tokens));
  }
}
