/**
 * Leader election for autoscaler replicas. One replica holds the lease at a
 * time; each new holder gets a fencing token larger than every earlier one,
 * so work stamped with an old token can be refused after a failover.
 */

/** What a replica knows after trying to acquire or renew. */
export interface LeaseStatus {
  /** This replica holds the lease now. */
  readonly leader: boolean;
  /** Fencing token of the current holder (this replica's when `leader`). */
  readonly token?: number;
  /** Replica id of the current holder, when known. */
  readonly holder?: string;
}

export interface LeaderLease {
  /** This replica's id. */
  readonly replicaId: string;
  /**
   * Acquires the lease when it is free, renews it when this replica holds it,
   * and reports the holder otherwise. Rejects only when the store is
   * unreachable (the caller must then stop acting).
   */
  tryAcquire(): Promise<LeaseStatus>;
  /** Gives the lease up if this replica holds it. */
  release(): Promise<void>;
  /** Who holds the lease now, without acquiring or renewing it. */
  current(): Promise<LeaseStatus>;
}

/**
 * Refuses work from deposed leaders: admits a token for an app only when it is
 * at least the highest token admitted so far for that app (atomic).
 */
export interface FenceGuard {
  admit(app: string, token: number): Promise<boolean>;
}
