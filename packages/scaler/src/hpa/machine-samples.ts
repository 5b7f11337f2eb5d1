import type { MetricTarget } from '@governor/config';
import type { MachineObservation } from '../types.js';

/**
 * HPA's `groupPods` for one per-machine metric, reduced to what the replica
 * calculation needs: the sum and count of usable values, and how many
 * running machines miss the metric or are not ready.
 */
export interface MachineSamples {
  /** Sum of the values of machines that count as ready (milli-units in HPA mode). */
  readonly sum: number;
  /** Machines that count as ready (have a value and are not dropped as unready). */
  readonly ready: number;
  /** Running machines without a value for this metric. */
  readonly missing: number;
  /** Running machines with a value that are not ready (their value is dropped). */
  readonly unready: number;
}

/** A per-machine target (every kind but latency, which is a fleet value). */
export type PerMachineTarget = Exclude<MetricTarget, { type: 'latency' }>;

/**
 * Groups the running `machines` by their value of `target`'s metric, as HPA
 * does: a missing (or non-finite) value makes a machine "missing" whatever
 * its readiness; a value of a not-ready machine is dropped as "unready" when
 * `unreadyApplies` (HPA: CPU only); otherwise it is ready and its value is
 * summed, as integer milli-units (`Math.round(v * 1000)`, HPA's quantities)
 * when `milli`. One pass, no intermediate arrays, no callback per machine.
 */
export function groupMachines(
  target: PerMachineTarget,
  machines: readonly MachineObservation[],
  unreadyApplies: boolean,
  milli: boolean,
): MachineSamples {
  const type = target.type;
  const custom = target.type === 'custom' ? target.metric : '';
  let sum = 0;
  let ready = 0;
  let missing = 0;
  let unready = 0;
  for (let i = 0; i < machines.length; i++) {
    const m = machines[i] as MachineObservation;
    const x = m.metrics;
    let value: number | undefined;
    if (x !== undefined) {
      if (type === 'cpu') value = x.cpu;
      else if (type === 'rps') value = x.rps;
      else if (type === 'memory') value = x.memory;
      else value = x.custom?.[custom];
    }
    if (value === undefined || !Number.isFinite(value)) missing++;
    else if (unreadyApplies && !m.ready) unready++;
    else {
      sum += milli ? Math.round(value * 1000) : value;
      ready++;
    }
  }
  return { sum, ready, missing, unready };
}
