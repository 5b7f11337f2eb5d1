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

/** A per-machine target (every kind but latency, query and queue, which are fleet values). */
export type PerMachineTarget = Exclude<MetricTarget, { type: 'latency' | 'query' | 'queue' }>;

/** Running totals of {@link groupMachines}; `add` takes a value read straight from a machine. */
class Grouping implements MachineSamples {
  sum = 0;
  ready = 0;
  missing = 0;
  unready = 0;

  constructor(
    private readonly unreadyApplies: boolean,
    private readonly milli: boolean,
  ) {}

  add(value: number | undefined, ready: boolean): void {
    if (value === undefined || !Number.isFinite(value)) this.missing++;
    else if (this.unreadyApplies && !ready) this.unready++;
    else {
      this.sum += this.milli ? Math.round(value * 1000) : value;
      this.ready++;
    }
  }
}

/**
 * Groups the running `machines` by their value of `target`'s metric, as HPA
 * does: a missing (or non-finite) value makes a machine "missing" whatever
 * its readiness; a value of a not-ready machine is dropped as "unready" when
 * `unreadyApplies` (HPA: CPU only); otherwise it is ready and its value is
 * summed, as integer milli-units (`Math.round(v * 1000)`, HPA's quantities)
 * when `milli`. One loop per metric kind, each reading its field straight
 * into the tally: a value merged from several reads first (`?.`, a switch)
 * is a boxed number per machine (this runs for every machine of every app).
 */
export function groupMachines(
  target: PerMachineTarget,
  machines: readonly MachineObservation[],
  unreadyApplies: boolean,
  milli: boolean,
): MachineSamples {
  const g = new Grouping(unreadyApplies, milli);
  const n = machines.length;
  switch (target.type) {
    case 'cpu':
      for (let i = 0; i < n; i++) {
        const m = machines[i] as MachineObservation;
        const x = m.metrics;
        if (x === undefined) g.missing++;
        else g.add(x.cpu, m.ready);
      }
      break;
    case 'memory':
      for (let i = 0; i < n; i++) {
        const m = machines[i] as MachineObservation;
        const x = m.metrics;
        if (x === undefined) g.missing++;
        else g.add(x.memory, m.ready);
      }
      break;
    case 'rps':
      for (let i = 0; i < n; i++) {
        const m = machines[i] as MachineObservation;
        const x = m.metrics;
        if (x === undefined) g.missing++;
        else g.add(x.rps, m.ready);
      }
      break;
    case 'connections':
      for (let i = 0; i < n; i++) {
        const m = machines[i] as MachineObservation;
        const x = m.metrics;
        if (x === undefined) g.missing++;
        else g.add(x.connections, m.ready);
      }
      break;
    case 'custom': {
      const name = target.metric;
      for (let i = 0; i < n; i++) {
        const m = machines[i] as MachineObservation;
        const x = m.metrics;
        if (x === undefined) g.missing++;
        else g.add(x.custom?.[name], m.ready);
      }
      break;
    }
  }
  return g;
}
