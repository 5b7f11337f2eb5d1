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
  /** Live instances of one app or of all apps, sorted by app then instance. */
  list(app?: string): Promise<InstanceInfo[]>;
  /** Releases resources; later calls reject with `GOV_BUS_CLOSED`. Idempotent. */
  close(): Promise<void>;
}
