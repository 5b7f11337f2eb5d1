import type { AppMode, AppSlo } from '@governor/config';
import type { Decision } from '@governor/scaler';
import type { AppRuntime, ManualOverride, RuntimePause } from './app-runtime.js';
import type { DecisionLog } from './decision-log.js';
import type { FleetStats } from './fleet-stats.js';

/** What the API and the status table show for one app. */
export interface AppStatus {
  readonly name: string;
  readonly provider: string;
  /** Effective mode (`paused` when paused through the API). */
  readonly mode: AppMode;
  readonly configuredMode: AppMode;
  readonly pause?: RuntimePause;
  readonly override?: ManualOverride;
  /** Running machines at the last tick. */
  readonly current: number;
  /** Total target machines of the last decision (what is being converged to), when any. */
  readonly desired?: number;
  /** What the scaler decided, before a manual override. */
  readonly decided?: number;
  readonly bounds: { readonly min: number; readonly max: number };
  /** Effective bounds of the last decision (schedules applied). */
  readonly effectiveBounds?: { readonly min: number; readonly max: number };
  /** The policy's effective latency SLO in ms and its quantile, when it has one. */
  readonly slo?: AppSlo;
  readonly stats?: FleetStats;
  readonly machines: ReadonlyArray<{
    id: string;
    region: string;
    state: string;
    health: string;
    address?: string;
  }>;
  /**
   * The capacity model's estimate at the last decision (requests/s per
   * machine at the SLO, windows of evidence, whether it is trusted yet),
   * when a latency target is in capacity mode.
   */
  readonly capacity?: { readonly rps: number; readonly windows: number; readonly calibrated: boolean };
  readonly lastDecision?: {
    readonly id: string;
    readonly at: number;
    readonly outcome: string;
    readonly disposition: string;
    readonly explanation: string;
    readonly action?: string;
  };
}

const RUNNING = new Set(['started', 'starting', 'replacing']);

/** Builds the {@link AppStatus} of one app at `now`. */
export function appStatus(rt: AppRuntime, log: DecisionLog, now: number): AppStatus {
  const last = log.last(rt.name);
  const override = rt.activeOverride(now);
  const target = last?.target ? Object.values(last.target).reduce((a, b) => a + b, 0) : undefined;
  return {
    name: rt.name,
    provider: rt.policy.provider,
    mode: rt.mode(),
    configuredMode: rt.policy.mode,
    ...(rt.pause ? { pause: rt.pause } : {}),
    ...(override ? { override } : {}),
    current: rt.machines.filter((m) => RUNNING.has(m.state)).length,
    ...(target === undefined ? {} : { desired: target }),
    ...(last?.decided === undefined ? {} : { decided: last.decided }),
    bounds: { min: rt.policy.min, max: rt.policy.max },
    ...(last?.decision
      ? { effectiveBounds: { min: last.decision.bounds.min, max: last.decision.bounds.max } }
      : {}),
    ...(rt.policy.slo ? { slo: rt.policy.slo } : {}),
    ...(rt.stats ? { stats: rt.stats } : {}),
    machines: rt.machines.map((m) => ({
      id: m.id,
      region: m.region,
      state: m.state,
      health: m.health,
      ...(m.address ? { address: m.address } : {}),
    })),
    ...capacityOf(last?.decision),
    ...(last
      ? {
          lastDecision: {
            id: last.id,
            at: last.at,
            outcome: last.outcome,
            disposition: last.disposition,
            explanation: last.explanation,
            ...(last.action ? { action: last.action.result } : {}),
          },
        }
      : {}),
  };
}

/** The capacity model's figures from a decision's `capacity` step, when it has one. */
function capacityOf(decision: Decision | undefined): Pick<AppStatus, 'capacity'> {
  const step = decision?.steps.find((s) => s.stage === 'capacity');
  const rps = step?.numbers?.capacity;
  const windows = step?.numbers?.windows;
  if (step === undefined || rps === undefined || windows === undefined) return {};
  return { capacity: { rps, windows, calibrated: step.reason === 'CapacityCalibrated' } };
}
