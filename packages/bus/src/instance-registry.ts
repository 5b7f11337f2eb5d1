/** What an instance says about itself when it registers. */
export interface InstanceInfo {
  readonly app: string;
  readonly instance: string;
  readonly region: string;
  /** Private address (`host:port`) of the instance, when known. */
  readonly address?: string;
  /** Scrape targets of its collector (URLs). */
  readonly targets?: readonly string[];
  /** When the instance (its collector) started, ms since epoch. */
  readonly startedAt?: number;
  /**
   * Time of the last heartbeat, ms since epoch, as seen by the registry.
   * Filled in by {@link InstanceRegistry.list}; ignored on register.
   */
  readonly heartbeatAt?: number;
  /**
   * Whether the instance serves (its collector's last scrape succeeded), as
   * of its last heartbeat. Absent means the reporter does not know; readers
   * treat it as ready.
   */
  readonly ready?: boolean;
  /**
   * True while a drain mark is set ({@link InstanceRegistry.markDraining}):
   * the instance is about to be stopped and must get no new work. Filled in
   * by {@link InstanceRegistry.list}; ignored on register.
   */
  readonly draining?: boolean;
}

/**
 * Which instances are alive. An instance registers with a TTL and renews it
 * by registering again (the heartbeat); it disappears from `list()` when the
 * TTL runs out or when it deregisters.
 */
export interface InstanceRegistry {
  /** Registers or renews `info` for `ttlMs` milliseconds (> 0). */
  register(info: InstanceInfo, ttlMs: number): Promise<void>;
  /** Removes the instance now. Removing an unknown instance is not an error. */
  deregister(app: string, instance: string): Promise<void>;
  /**
   * Marks an instance as draining for `ttlMs` (> 0), before it is stopped, so
   * that readers move away from it. The mark survives the instance's own
   * heartbeats and ends with its TTL or on deregister. Marking an unknown
   * instance is not an error (the mark applies if it registers).
   */
  markDraining(app: string, instance: string, ttlMs: number): Promise<void>;
  /** Live instances of one app or of all apps, sorted by app then instance. */
  list(app?: string): Promise<InstanceInfo[]>;
  /** Releases resources; later calls reject with `GOV_BUS_CLOSED`. Idempotent. */
  close(): Promise<void>;
}
