import type { FenceGuard, LeaderLease, LeaseStatus } from './leader-lease.js';

/** Shared state of in-memory leases, one per simulated store. */
export class MemoryLeaseStore {
  holder: string | undefined;
  expiresAt = 0;
  lastToken = 0;
  readonly fences = new Map<string, number>();
}

/**
 * In-memory lease for standalone mode and tests. Replicas that share a
 * {@link MemoryLeaseStore} compete for it like they would over Redis.
 */
export class MemoryLeaderLease implements LeaderLease {
  constructor(
    readonly replicaId: string,
    private readonly ttlMs: number,
    private readonly store: MemoryLeaseStore = new MemoryLeaseStore(),
    private readonly now: () => number = Date.now,
  ) {}

  async tryAcquire(): Promise<LeaseStatus> {
    const s = this.store;
    const t = this.now();
    if (s.holder === this.replicaId && s.expiresAt > t) {
      s.expiresAt = t + this.ttlMs;
      return { leader: true, token: s.lastToken, holder: this.replicaId };
    }
    if (s.holder === undefined || s.expiresAt <= t) {
      s.holder = this.replicaId;
      s.expiresAt = t + this.ttlMs;
      s.lastToken += 1;
      return { leader: true, token: s.lastToken, holder: this.replicaId };
    }
    return { leader: false, token: s.lastToken, holder: s.holder };
  }

  async current(): Promise<LeaseStatus> {
    const s = this.store;
    if (s.holder === undefined || s.expiresAt <= this.now()) return { leader: false, token: s.lastToken };
    return { leader: s.holder === this.replicaId, token: s.lastToken, holder: s.holder };
  }

  async release(): Promise<void> {
    if (this.store.holder === this.replicaId) {
      this.store.holder = undefined;
      this.store.expiresAt = 0;
    }
  }
}

/** In-memory {@link FenceGuard}. */
export class MemoryFenceGuard implements FenceGuard {
  constructor(private readonly store: MemoryLeaseStore = new MemoryLeaseStore()) {}

  async admit(app: string, token: number): Promise<boolean> {
    const highest = this.store.fences.get(app) ?? 0;
    if (token < highest) return false;
    this.store.fences.set(app, token);
    return true;
  }
}
