import type { InstanceSnapshot } from '@governor/metrics';
import type { Machine, MachineState } from '@governor/providers';
import type { MachineMetrics, MachineObservation, Observations } from '@governor/scaler';

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
    if (snap && running) obs.metrics = metricsOf(snap);
    machines.push(obs);
  }
  return { app: input.app, machines, ...(input.edgeRps === undefined ? {} : { edgeRps: input.edgeRps }) };
}

/** A snapshot's readings as the scaler's machine metrics (assigned one by one: spreads cost a tick dearly). */
function metricsOf(snap: InstanceSnapshot): MachineMetrics {
  const x: MachineMetrics = {};
  if (snap.cpu) x.cpu = snap.cpu.utilization;
  if (snap.memory) x.memory = snap.memory.utilization;
  if (snap.requests) {
    x.rps = snap.requests.rate;
    x.errorRatio = snap.requests.errorRatio;
  }
  if (snap.latency) x.latency = snap.latency;
  for (const _ in snap.custom) {
    x.custom = { ...snap.custom };
    break;
  }
  if (snap.connections) x.connections = snap.connections.established;
  if (snap.network) {
    x.network = {
      receiveBytesPerSecond: snap.network.receiveBytesPerSecond,
      transmitBytesPerSecond: snap.network.transmitBytesPerSecond,
    };
  }
  if (snap.disk) {
    x.disk = {
      readBytesPerSecond: snap.disk.readBytesPerSecond,
      writeBytesPerSecond: snap.disk.writeBytesPerSecond,
    };
  }
  return x;
}
