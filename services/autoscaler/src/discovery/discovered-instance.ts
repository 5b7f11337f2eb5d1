import type { InstanceInfo } from '@governor/bus';
import type { InstanceSnapshot } from '@governor/metrics';

/** The load an instance's collector last reported (from its newest fresh snapshot). */
export interface InstanceLoad {
  /** CPU utilisation, 0..1 of the instance's limit, when the collector reads host stats. */
  readonly utilization?: number;
  /** Requests in flight (the app's `metrics.inFlight` gauge), when configured and reported. */
  readonly inFlight?: number;
  /** Requests per second over the snapshot window. */
  readonly rps?: number;
  /** End of the snapshot window the load comes from, ms since epoch. */
  readonly at: number;
}

/** One instance as discovery serves it (`GET /v1/apps/:app/instances`). */
export interface DiscoveredInstance {
  /** Instance (machine) id. */
  readonly id: string;
  readonly region: string;
  /** Where to reach it: `<machine id>.vm.<app>.internal:<port>` on Fly, `host:port` locally. */
  readonly address?: string;
  /** Serving, as its collector last reported (absent reports count as ready). */
  readonly ready: boolean;
  /** Being stopped by a scale-down: send it no new work. */
  readonly draining: boolean;
  /** Last heartbeat, ms since epoch. */
  readonly lastSeen: number;
  readonly load?: InstanceLoad;
}

/**
 * Joins a registry entry with the instance's newest snapshot. The snapshot
 * gives the load only when it ended within `staleAfter` ms of `now`.
 */
export function toDiscovered(
  info: InstanceInfo,
  snapshot: InstanceSnapshot | undefined,
  inFlightMetric: string | undefined,
  staleAfter: number,
  now: number,
): DiscoveredInstance {
  const fresh = snapshot !== undefined && now - snapshot.windowEnd <= staleAfter ? snapshot : undefined;
  const inFlight = inFlightMetric === undefined ? undefined : fresh?.custom[inFlightMetric];
  const load: InstanceLoad | undefined = fresh
    ? {
        ...(fresh.cpu ? { utilization: fresh.cpu.utilization } : {}),
        ...(inFlight !== undefined && Number.isFinite(inFlight) ? { inFlight } : {}),
        ...(fresh.requests ? { rps: fresh.requests.rate } : {}),
        at: fresh.windowEnd,
      }
    : undefined;
  return {
    id: info.instance,
    region: info.region,
    ...(info.address ? { address: info.address } : {}),
    ready: info.ready !== false,
    draining: info.draining === true,
    lastSeen: info.heartbeatAt ?? 0,
    ...(load ? { load } : {}),
  };
}
