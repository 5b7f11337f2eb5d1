import type { Machine, MachineState } from '@governor/providers';
import type { MachineMetrics, MachineObservation } from '@governor/scaler';

/** Machine states that count as running (the scaler's current count). */
const RUNNING: ReadonlySet<MachineState> = new Set(['started', 'starting', 'replacing']);

/**
 * The scaler's view of the provider's machines for a source without its own
 * readiness signal (Prometheus, Redis): a machine is ready when it runs, is
 * started and not unhealthy; `metricsOf` gives a running machine's metrics
 * (undefined: nothing read for it).
 */
export function machineObservations(
  machines: readonly Machine[],
  metricsOf: (m: Machine) => MachineMetrics | undefined,
): MachineObservation[] {
  const out: MachineObservation[] = [];
  for (const m of machines) {
    if (m.state === 'destroyed') continue;
    const running = RUNNING.has(m.state);
    const obs: MachineObservation = {
      id: m.id,
      region: m.region,
      running,
      ready: running && m.state === 'started' && m.health !== 'unhealthy',
      startedAt: m.createdAt,
    };
    const metrics = running ? metricsOf(m) : undefined;
    if (metrics !== undefined) obs.metrics = metrics;
    out.push(obs);
  }
  return out;
}
