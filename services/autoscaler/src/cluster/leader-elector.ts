import { performance } from 'node:perf_hooks';
import type { LeaderLease, LeaseStatus } from '@governor/bus';
import { describeError } from '@governor/errors';
import { PeriodicLoop } from '@governor/runtime';
import { type Logger, silentLogger } from '@governor/telemetry';
import type { SelfMetrics } from '../self-metrics.js';

/** Options of {@link LeaderElector}. */
export interface LeaderElectorOptions {
  /** The lease replicas compete for (its `replicaId` names this replica). */
  readonly lease: LeaderLease;
  /** Lease TTL in ms (config `daemon.leaseTtl`); must match the lease's own TTL. */
  readonly ttlMs: number;
  /** ms between acquire-or-renew attempts. Default ttl / 3. */
  readonly renewEveryMs?: number;
  /**
   * Local safety margin in ms: this replica considers its lease lost this long
   * before the TTL runs out (clock drift between it and Redis). Default
   * min(ttl / 10, 1000).
   */
  readonly marginMs?: number;
  /**
   * Runs when this replica wins the lease (e.g. loads the decision history),
   * before it starts leading. A rejection keeps it a follower until the next
   * attempt.
   */
  readonly onElected?: (token: number) => Promise<void>;
  /**
   * Whether this replica should hold the lease now (sharded cluster mode: the
   * shard coordinator's balance). When false, an attempt acquires nothing and
   * gives up a lease this replica holds, so another replica can take it.
   * Default: always.
   */
  readonly wanted?: () => boolean;
  /** Receives `governor_leader` and `governor_leader_fencing_token`. Default: none. */
  readonly metrics?: SelfMetrics;
  /** Default: silent. */
  readonly logger?: Logger;
  /** Monotonic clock in ms. Default `performance.now` (keeps running while the process is stopped). */
  readonly monotonic?: () => number;
}

/**
 * Keeps trying to acquire (or renew) the leader lease. This replica leads
 * only while its last successful renewal is younger than the TTL minus a
 * margin, measured from when the renewal was sent: a replica that cannot
 * renew in time (Redis down, process paused) steps down at once, before any
 * other replica can take over, and never acts on a lease it may have lost.
 */
export class LeaderElector {
  private readonly loop: PeriodicLoop;
  private readonly logger: Logger;
  private readonly monotonic: () => number;
  private readonly margin: number;
  private held: number | undefined;
  private validUntil = 0;
  private deadline: NodeJS.Timeout | undefined;
  private problem: string | undefined = 'leader election has not run yet';
  private last: LeaseStatus | undefined;
  private stopped = false;

  constructor(private readonly options: LeaderElectorOptions) {
    this.logger = options.logger ?? silentLogger();
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.margin = options.marginMs ?? Math.min(options.ttlMs / 10, 1000);
    const every = options.renewEveryMs ?? Math.max(Math.floor(options.ttlMs / 3), 1);
    this.loop = new PeriodicLoop({
      name: 'leader election',
      interval: () => every,
      timeout: () => Math.max(every, options.ttlMs - this.margin),
      // A renewal must not wait behind a hung attempt (the lease would lapse); attempts are
      // compare-and-set under the fencing token, so two at once are safe.
      grace: () => 0,
      run: () => this.attempt(),
      onError: (err) => this.stepDown(`leader election failed: ${describeError(err)}`),
    });
    this.publish();
  }

  /** This replica's id. */
  get replicaId(): string {
    return this.options.lease.replicaId;
  }

  /** True while this replica holds a lease that cannot have expired yet. */
  get leading(): boolean {
    return this.held !== undefined && this.monotonic() < this.validUntil;
  }

  /** The fencing token of this replica's lease while {@link leading}. */
  get token(): number | undefined {
    return this.leading ? this.held : undefined;
  }

  /** The last known holder and token (from the last successful attempt). */
  get status(): LeaseStatus | undefined {
    return this.last;
  }

  /** Why leadership is unknown (store unreachable, not tried yet), or undefined. */
  get notReadyReason(): string | undefined {
    return this.problem;
  }

  /** Starts the attempts (the first at once). */
  start(): void {
    this.stopped = false;
    this.loop.start(0);
  }

  /** One acquire-or-renew attempt now (not overlapping the loop's). Never rejects. */
  runOnce(): Promise<void> {
    return this.loop.runOnce();
  }

  /** Stops trying and gives the lease up (so another replica takes over at once). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
    const wasLeading = this.held !== undefined;
    this.stepDown('shutting down');
    if (wasLeading) {
      try {
        await this.options.lease.release();
      } catch (err) {
        this.logger.warn(
          { err: describeError(err) },
          'could not release the leader lease; it expires by itself',
        );
      }
    }
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    if (this.options.wanted && !this.options.wanted()) {
      await this.handOver();
      return;
    }
    const sentAt = this.monotonic();
    let status: LeaseStatus;
    try {
      status = await this.options.lease.tryAcquire();
    } catch (err) {
      this.problem = `leader lease store unreachable: ${describeError(err)}`;
      this.stepDown(this.problem);
      return;
    }
    this.problem = undefined;
    this.last = status;
    const validUntil = sentAt + this.options.ttlMs - this.margin;
    if (!status.leader || status.token === undefined) {
      this.stepDown(`${status.holder ?? 'another replica'} holds the lease`);
      return;
    }
    if (this.held !== status.token || this.monotonic() >= this.validUntil) {
      // A new term (or our lease lapsed in between): catch up before leading.
      this.held = undefined;
      try {
        await this.options.onElected?.(status.token);
      } catch (err) {
        this.logger.error(
          { err: describeError(err) },
          'won the leader lease but could not take over; retrying',
        );
        this.publish();
        return;
      }
      if (this.monotonic() >= validUntil) return;
      this.logger.info({ replica: this.replicaId, fencingToken: status.token }, 'became the leader');
    }
    this.held = status.token;
    this.validUntil = validUntil;
    this.armDeadline();
    this.publish();
  }

  /** Not wanted here: step down and release the lease if this replica may still hold it. */
  private async handOver(): Promise<void> {
    const mayHold = this.held !== undefined || this.last?.holder === this.replicaId;
    if (!mayHold) return;
    this.stepDown('handed over to balance the shards');
    try {
      await this.options.lease.release();
      this.last = undefined;
      this.problem = undefined;
    } catch (err) {
      this.problem = `leader lease store unreachable: ${describeError(err)}`;
    }
  }

  /** Steps down when the lease lapses without a renewal, even if no attempt runs (paused loop). */
  private armDeadline(): void {
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = setTimeout(
      () => {
        if (this.held !== undefined && this.monotonic() >= this.validUntil) {
          this.stepDown('the leader lease was not renewed within its TTL');
        }
      },
      Math.max(this.validUntil - this.monotonic(), 0) + 1,
    );
    this.deadline.unref();
  }

  private stepDown(reason: string): void {
    if (this.held !== undefined) {
      this.logger.warn(
        { replica: this.replicaId, fencingToken: this.held, reason },
        'stepped down as leader',
      );
    }
    this.held = undefined;
    this.validUntil = 0;
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = undefined;
    this.publish();
  }

  private publish(): void {
    const m = this.options.metrics;
    if (!m) return;
    const replica = { replica: this.replicaId };
    m.leader.set(replica, this.held !== undefined ? 1 : 0);
    const token = this.held ?? this.last?.token;
    if (token === undefined) m.fencingToken.remove(replica);
    else m.fencingToken.set(replica, token);
  }
}
