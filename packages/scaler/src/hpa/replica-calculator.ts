import { machinesFor } from '../numbers.js';
import type { MachineSamples } from './machine-samples.js';
import { isWithinTolerance, type Tolerances } from './tolerance.js';

/** How the averages are computed: HPA's integer arithmetic or plain floats. */
export type Arithmetic = 'hpa-resource' | 'hpa-plain' | 'float';

/** Inputs of {@link perMachineReplicas}. */
export interface PerMachineInput {
  readonly samples: MachineSamples;
  /** Target per machine (a utilisation fraction for resources, a value otherwise). */
  readonly target: number;
  readonly currentReplicas: number;
  readonly tolerances: Tolerances;
  readonly arithmetic: Arithmetic;
}

/** The result of one replica calculation, with the numbers for the explanation. */
export interface ReplicaCalculation {
  readonly replicas: number;
  /** The averaged value compared with the target (percent for hpa-resource). */
  readonly usage: number;
  /** The target in the same unit as `usage`. */
  readonly target: number;
  readonly ratio: number;
  /** Ratio after rebalancing missing/unready machines, when that happened. */
  readonly rebalancedRatio?: number;
  /** Machines the ratio was applied to. */
  readonly basis: number;
  /** Why the result is the current count, when it is for a rule (not arithmetic). */
  readonly note?: 'within-tolerance' | 'direction-flip' | 'count-flip';
}

const MILLI = 1000;

/** HPA milli-units (Kubernetes quantities are integer milli-values). */
function toMilli(v: number): number {
  return Math.round(v * MILLI);
}

/**
 * Average usage and ratio of `n` values summing to `sum` against the target.
 * - `hpa-resource`: `utilization = int(sum(usage) * 100 / sum(request))` in
 *   integer percent with usage in milli-units and a request of 1000 milli per
 *   machine (`GetResourceUtilizationRatio`); ratio = utilization / targetPercent.
 * - `hpa-plain`: `average = int(sum / n)` in milli-units (`GetMetricUsageRatio`).
 * - `float`: the plain mean.
 */
function usageRatio(sum: number, n: number, target: number, arithmetic: Arithmetic) {
  if (arithmetic === 'hpa-resource') {
    const util = Math.trunc((sum * 100) / (n * MILLI));
    const targetPct = Math.round(target * 100);
    return { usage: util, target: targetPct, ratio: util / targetPct };
  }
  if (arithmetic === 'hpa-plain') {
    const avg = Math.trunc(sum / n);
    const t = toMilli(target);
    return { usage: avg / MILLI, target: t / MILLI, ratio: avg / t };
  }
  const avg = sum / n;
  return { usage: avg, target, ratio: avg / target };
}

/**
 * ceil(ratio x machines). The HPA arithmetics keep HPA's float64 ceil, bit for
 * bit. In float mode the mean over the target carries rounding error, so a load
 * of exactly k machines' worth can read k + 2e-15 and ceil to k + 1: 3.24 cpu
 * over 6 machines at a 0.36 target gives ratio 1.5000000000000002, x 6 =
 * 9.000000000000002 -> 10, and the fleet overshoots to 10 and later comes back
 * to 9. A product within `CEIL_SLACK` above an integer is that integer
 * ({@link machinesFor}).
 */
function replicaCount(product: number, arithmetic: Arithmetic): number {
  return arithmetic === 'float' ? machinesFor(product) : Math.ceil(product);
}

/**
 * HPA's replica calculation for a per-machine metric (GetResourceReplicas /
 * calcPlainMetricReplicas): ratio = usage/target over machines with a value;
 * within tolerance -> current; without missing or unready machines ->
 * ceil(ratio x ready). Otherwise missing machines count at the target (HPA
 * resources: max(100%, target) of the request) on a scale-down and at 0 on a
 * scale-up, unready ones at 0 on a scale-up; the ratio is recomputed and the
 * current count is kept if it is within tolerance or the direction flipped.
 * Returns undefined when no machine has a usable value (an invalid metric).
 * `samples.sum` is in milli-units for the HPA arithmetics.
 */
export function perMachineReplicas(input: PerMachineInput): ReplicaCalculation | undefined {
  const { samples, target, currentReplicas, tolerances, arithmetic } = input;
  if (samples.ready === 0) return undefined;
  const first = usageRatio(samples.sum, samples.ready, target, arithmetic);
  const readyCount = samples.ready;
  const scaleUpWithUnready = samples.unready > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && samples.missing === 0) {
    if (isWithinTolerance(first.ratio, tolerances)) {
      return calculation(currentReplicas, first, undefined, readyCount, 'within-tolerance');
    }
    const replicas = replicaCount(first.ratio * readyCount, arithmetic);
    return calculation(replicas, first, undefined, readyCount, undefined);
  }
  let sum = samples.sum;
  let n = samples.ready;
  if (samples.missing > 0) {
    let fill: number | undefined;
    if (first.ratio < 1) {
      if (arithmetic === 'hpa-resource')
        fill = Math.trunc((MILLI * Math.max(100, Math.round(target * 100))) / 100);
      else fill = arithmetic === 'hpa-plain' ? toMilli(target) : target;
    } else if (first.ratio > 1) fill = 0;
    if (fill !== undefined) {
      sum += fill * samples.missing;
      n += samples.missing;
    }
  }
  if (scaleUpWithUnready) n += samples.unready;
  const second = usageRatio(sum, n, target, arithmetic).ratio;
  if (isWithinTolerance(second, tolerances))
    return calculation(currentReplicas, first, second, n, 'within-tolerance');
  if ((first.ratio < 1 && second > 1) || (first.ratio > 1 && second < 1)) {
    return calculation(currentReplicas, first, second, n, 'direction-flip');
  }
  const replicas = replicaCount(second * n, arithmetic);
  if ((second < 1 && replicas > currentReplicas) || (second > 1 && replicas < currentReplicas)) {
    return calculation(currentReplicas, first, second, n, 'count-flip');
  }
  return calculation(replicas, first, second, n, undefined);
}

function calculation(
  replicas: number,
  first: { usage: number; target: number; ratio: number },
  rebalancedRatio: number | undefined,
  basis: number,
  note: ReplicaCalculation['note'],
): ReplicaCalculation {
  const c: Mutable<ReplicaCalculation> = {
    replicas,
    usage: first.usage,
    target: first.target,
    ratio: first.ratio,
    basis,
  };
  if (rebalancedRatio !== undefined) c.rebalancedRatio = rebalancedRatio;
  if (note !== undefined) c.note = note;
  return c;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * HPA's `getUsageRatioReplicaCount` for a fleet-wide value (an Object metric
 * with a Value target): within tolerance -> current, else
 * ceil(ratio x ready machines); from zero machines, ceil(ratio).
 */
export function fleetReplicas(
  usage: number,
  target: number,
  currentReplicas: number,
  readyCount: number,
  tolerances: Tolerances,
): ReplicaCalculation {
  const ratio = usage / target;
  if (currentReplicas === 0) return { replicas: Math.ceil(ratio), usage, target, ratio, basis: 1 };
  if (isWithinTolerance(ratio, tolerances)) {
    return { replicas: currentReplicas, usage, target, ratio, basis: readyCount, note: 'within-tolerance' };
  }
  return { replicas: Math.ceil(ratio * readyCount), usage, target, ratio, basis: readyCount };
}
