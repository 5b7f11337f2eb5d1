/** A machine as the emulated Machines API returns it (wire format). */
export interface FlyApiMachine {
  id: string;
  name: string;
  state: string;
  region: string;
  instance_id: string;
  private_ip: string;
  config: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  events: { id: string; type: string; status: string; source: string; timestamp: number }[];
  checks: { name: string; status: 'passing' | 'warning' | 'critical'; output: string; updated_at: string }[];
  host_status: 'ok';
  cordoned: boolean;
  nonce?: string;
}

/** A lease as the emulated API returns it. */
export interface FlyApiLease {
  nonce: string;
  /** Seconds since epoch. */
  expires_at: number;
  owner: string;
  description: string;
  version: string;
}

/** Emulated durations in ms. */
export interface FlyEmulatorTimings {
  /** create -> started. Default 150. */
  readonly boot: number;
  /** stopped/created -> started. Default 60. */
  readonly start: number;
  /** suspended -> started. Default 30. */
  readonly resume: number;
  /** started -> stopped. Default 60. */
  readonly stop: number;
  /** started -> suspended. Default 60. */
  readonly suspend: number;
  /** -> destroyed. Default 30. */
  readonly destroy: number;
  /** started -> health checks passing. Default 50. */
  readonly health: number;
}

/** A fault the emulator injects ahead of normal handling. */
export interface FlyFault {
  /** HTTP status to answer with, e.g. 429, 500, 503. */
  readonly status: number;
  /** Response body. Default `{"error": "<reason phrase>"}`. */
  readonly body?: unknown;
  /** Only requests with this method. Default any. */
  readonly method?: string;
  /** Only requests whose path matches. Default any. */
  readonly path?: RegExp;
  /** Answer this many matching requests. Default unlimited (use `forMs`). */
  readonly count?: number;
  /** Answer matching requests for this many ms from now. Default unlimited (use `count`). */
  readonly forMs?: number;
  /** `Retry-After` header (seconds) to send with the fault. */
  readonly retryAfter?: number;
  /**
   * Handle the request first and answer the fault instead of its result: the
   * request took effect but its answer was lost (a gateway error after the
   * machine was created). Default false: the fault is answered before any
   * handling.
   */
  readonly afterHandling?: boolean;
}

/** One request the emulator served (the Authorization header is never kept). */
export interface FlyRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly at: number;
  readonly leaseNonce?: string;
}
