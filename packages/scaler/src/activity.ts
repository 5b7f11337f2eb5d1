import type { AppConfig, ScaleToZero } from '@governor/config';
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
 * Tracks requests for scale to zero. A tick with requests (edge or machine
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
  const known = edge !== undefined || machineRps !== undefined;
  const seen = (edge ?? 0) > 0 || (machineRps ?? 0) > 0;
  const last = !known || seen || lastActiveAt === undefined ? now : lastActiveAt;
  const idle = now - last >= stz.idleAfter;
  let wake: number | undefined;
  if (edge !== undefined && edge > stz.activationRps) {
    const rps = policy.targets.find((t) => t.type === 'rps');
    wake = rps !== undefined && rps.type === 'rps' ? Math.max(1, Math.ceil(edge / rps.perMachine)) : 1;
  }
  return { lastActiveAt: last, idle, ...(wake === undefined ? {} : { wake }) };
}
