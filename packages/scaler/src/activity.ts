import type { AppConfig, ScaleToZero } from '@governor/config';
import { externalKey, externalTargets, isPerMachine } from './external-proposal.js';
import { machinesFor } from './numbers.js';
import type { MachineObservation, Observations } from './types.js';

/** Scale-to-zero state for this tick. */
export interface Activity {
  readonly lastActiveAt?: number;
  /** Idle for at least `idleAfter` (positive evidence of no requests). */
  readonly idle: boolean;
  /** Machines to wake to when at zero, when the edge sees more than `activationRps`. */
  readonly wake?: number;
}

/** Sum of the running machines' rps, or undefined when none reports rps. */
export function fleetRps(machines: readonly MachineObservation[]): number | undefined {
  let sum: number | undefined;
  for (const m of machines) {
    const r = m.metrics?.rps;
    if (r !== undefined && Number.isFinite(r)) sum = (sum ?? 0) + r;
  }
  return sum;
}

/**
 * The load that `query` and `queue` targets with `perMachine` report (a
 * queue's backlog): the largest value and the machines it asks for (at least
 * 1). Undefined when the app has no such target or none has a value.
 */
function externalLoad(policy: AppConfig, obs: Observations): { value: number; machines: number } | undefined {
  let out: { value: number; machines: number } | undefined;
  for (const t of externalTargets(policy)) {
    const v = obs.external?.[externalKey(t)];
    if (!isPerMachine(t) || v === undefined || !Number.isFinite(v)) continue;
    const machines = Math.max(1, machinesFor(v / t.perMachine));
    if (out === undefined) out = { value: v, machines };
    else out = { value: Math.max(out.value, v), machines: Math.max(out.machines, machines) };
  }
  return out;
}

/**
 * Tracks requests for scale to zero; a queue's backlog (or a `query` target
 * with `perMachine`) counts as requests. A tick with requests (edge or machine
 * rps > 0), or without any request data at all, counts as active; the app
 * is idle once `idleAfter` ms passed since the last active tick. At zero, an
 * edge rate above `activationRps` wakes the app to ceil(edgeRps / rps target)
 * machines (at least 1).
 */
export function activity(
  policy: AppConfig,
  stz: ScaleToZero,
  obs: Observations,
  running: readonly MachineObservation[],
  lastActiveAt: number | undefined,
  now: number,
): Activity {
  const machineRps = fleetRps(running);
  const edge = obs.edgeRps;
  const backlog = externalLoad(policy, obs);
  const known = edge !== undefined || machineRps !== undefined || backlog !== undefined;
  const seen = (edge ?? 0) > 0 || (machineRps ?? 0) > 0 || (backlog?.value ?? 0) > 0;
  const last = !known || seen || lastActiveAt === undefined ? now : lastActiveAt;
  const idle = now - last >= stz.idleAfter;
  let wake: number | undefined;
  if (edge !== undefined && edge > stz.activationRps) {
    const rps = policy.targets.find((t) => t.type === 'rps');
    wake = rps !== undefined && rps.type === 'rps' ? Math.max(1, machinesFor(edge / rps.perMachine)) : 1;
  }
  if (backlog !== undefined && backlog.value > 0) wake = Math.max(wake ?? 0, backlog.machines);
  return { lastActiveAt: last, idle, ...(wake === undefined ? {} : { wake }) };
}
