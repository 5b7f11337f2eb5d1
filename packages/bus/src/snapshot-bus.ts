import type { InstanceSnapshot } from '@governor/metrics';

/**
 * Snapshot transport between collectors and the autoscaler. Implementations:
 * {@link MemoryBus} (standalone, one process) and {@link RedisBus} (cluster).
 * Both pass the same contract test suite.
 */
export interface SnapshotBus {
  /**
   * Publishes one snapshot. Resolves once it is stored; rejects with a
   * `GovernorError` (`GOV_BUS_UNAVAILABLE` when Redis is down,
   * `GOV_BUS_INVALID_SNAPSHOT` for a malformed snapshot, `GOV_BUS_CLOSED`
   * after close()). A snapshot older (by `windowEnd`) than the one already
   * held for its instance is kept in history but does not replace it.
   */
  publish(snapshot: InstanceSnapshot): Promise<void>;
  /**
   * The newest snapshot per instance (by `windowEnd`), of one app or of all
   * apps, sorted by app then instance. Instances whose newest snapshot is
   * older than the bus's retention are left out.
   */
  latest(app?: string): Promise<InstanceSnapshot[]>;
  /**
   * The newest snapshots of several apps at once, by app, each list as
   * `latest(app)` gives it (an app without any maps to an empty list). On
   * Redis the reads go out together (one pipeline on a single Redis), so a
   * replica reads a shard's apps in one round trip.
   */
  latestOf(apps: readonly string[]): Promise<Map<string, InstanceSnapshot[]>>;
  /** Releases resources; later calls reject with `GOV_BUS_CLOSED`. Idempotent. */
  close(): Promise<void>;
}
