import type { InstanceSnapshot } from '@governor/metrics';
import type { Machine, MachineState } from '@governor/providers';
import type { MachineObservation, Observations } from '@governor/scaler';

/** Machine states that count as running (the scaler's current count). */
const RUNNING: ReadonlySet<MachineState> = new Set(['started', 'starting', 'replacing']);

/** Options of {@link buildObservations}. */
export interface BuildObservationsInput {
  readonly app: string;
  /** The provider's machines of the app. */
  readonly machines: readonly Machine[];
  /** Newest snapshot per instance, from the bus. */
  readonly snapshots: readonly InstanceSnapshot[];
  /** ms since epoch. */
  readonly now: number;
  /** A snapshot whose window ended more than this many ms ago is ignored (config `collector.staleAfter`). */
  readonly staleAfter: number;
  /** Requests/s at the edge proxy, when one fronts the app. */
  readonly edgeRps?: number;
}

/**
 * Joins the provider's machines with the collectors' snapshots into the
 * scaler's {@link Observations}. A snapshot belongs to a machine when its
 * `instance` is the machine id (or, failing that, its address matches). A
 * machine is ready when it runs, is not unhealthy, and has a fresh snapshot
 * saying ready; a stale or missing snapshot leaves its metrics undefined,
 * which the scaler treats as missing metrics.
 */
export function buildObservations(input: BuildObservationsInput): Observations {
  const byInstance = new Map<string, InstanceSnapshot>();
  const byAddress = new Map<string, InstanceSnapshot>();
  for (const s of input.snapshots) {
    if (s.app !== input.app || input.now - s.windowEnd > input.staleAfter) continue;
    byInstance.set(s.instance, s);
    if (s.address) byAddress.set(s.address, s);
  }
  const machines: MachineObservation[] = [];
  for (const m of input.machines) {
    if (m.state === 'destroyed') continue;
    const running = RUNNING.has(m.state);
    const snap = byInstance.get(m.id) ?? (m.address ? byAddress.get(m.address) : undefined);
    const obs: MachineObservation = {
      id: m.id,
      region: m.region,
      running,
      ready: running && m.state === 'started' && m.health !== 'unhealthy' && snap?.ready === true,
      startedAt: m.createdAt,
    };
    if (snap && running) {
      obs.metrics = {
        ...(snap.cpu ? { cpu: snap.cpu.utilization } : {}),
        ...(snap.memory ? { memory: snap.memory.utilization } : {}),
        ...(snap.requests ? { rps: snap.requests.rate, errorRatio: snap.requests.errorRatio } : {}),
        ...(snap.latency ? { latency: snap.latency } : {}),
        ...(Object.keys(snap.custom).length > 0 ? { custom: { ...snap.custom } } : {}),
        ...(snap.connections ? { connections: snap.connections.established } : {}),
        ...(snap.network
          ? {
              network: {
                receiveBytesPerSecond: snap.network.receiveBytesPerSecond,
                transmitBytesPerSecond: snap.network.transmitBytesPerSecond,
              },
            }
          : {}),
        ...(snap.disk
          ? {
              disk: {
                readBytesPerSecond: snap.disk.readBytesPerSecond,
                writeBytesPerSecond: snap.disk.writeBytesPerSecond,
              },
            }
          : {}),
      };
    }
    machines.push(obs);
  }
  return { app: input.app, machines, ...(input.edgeRps === undefined ? {} : { edgeRps: input.edgeRps }) };
}
