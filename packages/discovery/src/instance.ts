/** The load an instance last reported (see the API's `load` field). */
export interface InstanceLoad {
  /** CPU utilisation, 0..1 of the instance's limit. */
  readonly utilization?: number;
  /** Requests in flight, as the instance reported them. */
  readonly inFlight?: number;
  /** Requests per second over the last window. */
  readonly rps?: number;
  /** When the load was measured, ms since epoch. */
  readonly at: number;
}

/** One instance of the fleet, as `GET /v1/apps/:app/instances` lists it. */
export interface Instance {
  readonly id: string;
  readonly region: string;
  /** `host:port` to reach it (on Fly `<machine id>.vm.<app>.internal:<port>`). */
  readonly address?: string;
  readonly ready: boolean;
  /** Being stopped by a scale-down: never picked. */
  readonly draining: boolean;
  /** Last heartbeat, ms since epoch. */
  readonly lastSeen: number;
  readonly load?: InstanceLoad;
}

/** The body of the list and of each watch event. */
export interface InstanceList {
  readonly app: string;
  /** The region the list is ordered for, when asked with `near`. */
  readonly near?: string;
  /** Regions in the order the server prefers them from `near`. */
  readonly regions: readonly string[];
  readonly instances: readonly Instance[];
}

/** Whether an instance may get new work: ready, not draining, with an address. */
export function isPickable(i: Instance): boolean {
  return i.ready && !i.draining && i.address !== undefined && i.address !== '';
}
