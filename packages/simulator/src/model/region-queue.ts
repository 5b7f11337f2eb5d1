import { type MachineModel, machineCapacity } from './machine-model.js';
import { type LatencyLaw, latencyLaw } from './queue-latency.js';

/** What one region's fleet did with its load over one tick. */
export interface QueueTick {
  /** Backlog per ready machine at the end of the tick (requests). */
  readonly backlog: number;
  /** Requests that arrived in the tick. */
  readonly arrivals: number;
  /** Requests that failed (queue full, or no ready machine). */
  readonly failed: number;
  /** Latency law of the requests served, or undefined when none were. */
  readonly law: LatencyLaw | undefined;
  /** CPU utilisation of each ready machine, 0..1. */
  readonly cpu: number;
  /** Requests per second each ready machine received. */
  readonly perMachineRps: number;
}

/**
 * Advances one region's queue by `dt` seconds: `rps` spread evenly over
 * `ready` machines that start the tick with `backlog` waiting requests each.
 */
export function stepQueue(
  model: MachineModel,
  backlog: number,
  rps: number,
  ready: number,
  dt: number,
): QueueTick {
  const arrivals = rps * dt;
  if (ready <= 0) return { backlog: 0, arrivals, failed: arrivals, law: undefined, cpu: 0, perMachineRps: 0 };
  const mu = machineCapacity(model);
  const lm = rps / ready;
  let next = backlog + (lm - mu) * dt;
  let overflow = 0;
  if (next < 0) next = 0;
  if (next > model.queueLimit) {
    overflow = next - model.queueLimit;
    next = model.queueLimit;
  }
  const failed = Math.min(arrivals, overflow * ready);
  const busy = next > 0 || lm >= mu;
  return {
    backlog: next,
    arrivals,
    failed,
    law: failed >= arrivals ? undefined : latencyLaw(model, lm, (backlog + next) / 2),
    cpu: busy ? 1 : lm / mu,
    perMachineRps: lm,
  };
}
