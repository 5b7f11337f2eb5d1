import type { AppConfig } from '@governor/config';
import type { CapacityView } from '../capacity/capacity-tick.js';
import type { DecisionStep, MachineObservation, MetricProposal, ScopeHistory } from '../types.js';

/** A floor raised by another rule (predictive scaling), with its explanation. */
export interface Floor {
  readonly machines: number;
  readonly message: string;
  readonly numbers: Record<string, number>;
}

/** Everything one scope (the app, or one region) is decided from. */
export interface ScopeInput {
  readonly policy: AppConfig;
  /** Running machines of the scope. */
  readonly machines: readonly MachineObservation[];
  readonly min: number;
  readonly max: number;
  readonly history: ScopeHistory;
  readonly now: number;
  readonly region?: string;
  /** Machines to run because the app is in fallback (no usable metrics for N ticks). */
  readonly fallback?: number;
  /** Scale to zero: machines to wake to from zero, or `idle` to go to zero. */
  readonly zero?: ZeroInput;
  readonly floor?: Floor;
  /** Fleet values of `query` and `queue` targets for this scope. */
  readonly external?: Readonly<Record<string, number>>;
  /** The app's capacity model at this tick. */
  readonly capacity?: CapacityView;
}

/** What the scale-to-zero rules read of this tick's activity. */
export interface ZeroInput {
  /** Machines to wake to from zero. */
  readonly wake?: number;
  /** No request for `idleAfter`: the scope may go to zero. */
  readonly idle: boolean;
  /** Scale to zero is enabled and the bounds in force allow zero. */
  readonly allowed: boolean;
}

/** What one scope concluded. */
export interface ScopeResult {
  readonly current: number;
  readonly desired: number;
  readonly proposals: MetricProposal[];
  readonly steps: DecisionStep[];
  readonly history: ScopeHistory;
  /** Whether any target produced a proposal (false counts toward the fallback). */
  readonly usable: boolean;
  /** Largest target ratio (burst and predictive capacity use it). */
  readonly maxRatio?: number;
  readonly fallback: boolean;
}
