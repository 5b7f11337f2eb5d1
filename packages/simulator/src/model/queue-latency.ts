import { type MachineModel, machineCapacity } from './machine-model.js';

/**
 * Queueing model of one machine: an M/G/c queue approximated the usual way
 * (the probability of waiting is Erlang C's; the waiting time tail is
 * exponential with Kingman's heavy-traffic rate `2 c mu (1 - rho) / (1 + cs2)`,
 * exact for M/M/c when cs2 = 1) on top of the service time, plus a fluid
 * backlog for overload. While
 * arrivals stay below capacity the machine is in steady state and the wait
 * is Erlang C's; when they exceed it the backlog grows by the excess, every
 * request waits `backlog / capacity` on top, and what does not fit the queue
 * fails. Latency is capped at the time a full queue takes to drain.
 */

/** Utilisation at which the steady-state part is evaluated at most. */
export const RHO_CAP = 0.98;

/** Erlang C: probability that an arrival waits, with `c` servers at utilisation `rho` (< 1). */
export function erlangC(c: number, rho: number): number {
  if (rho <= 0) return 0;
  if (rho >= 1) return 1;
  const a = c * rho;
  let b = 1;
  for (let j = 1; j <= c; j++) b = (a * b) / (j + a * b);
  return b / (1 - rho * (1 - b));
}

/** The latency law of one machine over one tick, all times in seconds. */
export interface LatencyLaw {
  /** Fixed part: service time plus backlog wait. */
  readonly base: number;
  /** Probability that a request waits in the steady-state queue. */
  readonly waitProbability: number;
  /** Rate of the exponential steady-state wait (1/s). */
  readonly waitRate: number;
  /** Largest latency (a full queue). */
  readonly cap: number;
}

/** The latency law at `rps` per machine with `backlog` requests already waiting. */
export function latencyLaw(model: MachineModel, rps: number, backlog: number): LatencyLaw {
  const mu = machineCapacity(model);
  const rho = Math.min(RHO_CAP, Math.max(0, rps / mu));
  const service = model.serviceTime / 1000;
  const cap = service + model.queueLimit / mu;
  return {
    base: Math.min(cap, service + backlog / mu),
    waitProbability: erlangC(model.concurrency, rho),
    waitRate: (2 * mu * (1 - rho)) / (1 + Math.max(0, model.serviceVariability)),
    cap,
  };
}

/** The `q` quantile (0..1) of a latency law, seconds. */
export function lawQuantile(law: LatencyLaw, q: number): number {
  const tail = 1 - q;
  const wait = law.waitProbability > tail ? Math.log(law.waitProbability / tail) / law.waitRate : 0;
  return Math.min(law.cap, law.base + wait);
}

/** Share of requests slower than `x` seconds under a latency law. */
export function lawExceedance(law: LatencyLaw, x: number): number {
  if (x >= law.cap) return 0;
  if (x < law.base) return 1;
  return law.waitProbability * Math.exp(-law.waitRate * (x - law.base));
}

/**
 * The highest request rate one machine takes while its steady-state `q`
 * quantile stays at or below `slo` seconds (0 when the service time alone
 * exceeds it).
 */
export function maxRpsWithin(model: MachineModel, slo: number, q = 0.99): number {
  const mu = machineCapacity(model);
  if (lawQuantile(latencyLaw(model, 0, 0), q) > slo) return 0;
  let lo = 0;
  let hi = mu * RHO_CAP;
  if (lawQuantile(latencyLaw(model, hi, 0), q) <= slo) return hi;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (lawQuantile(latencyLaw(model, mid, 0), q) <= slo) lo = mid;
    else hi = mid;
  }
  return lo;
}
