/**
 * The scaler's contracts: what `decide` reads (observations, history) and
 * what it returns (a versioned, explainable {@link Decision}). Every record is
 * plain JSON so a decision can be stored, diffed and replayed.
 */
import type { AppConfig } from '@governor/config';
import type { LatencyDistribution } from '@governor/metrics';

/** What one machine reports for one tick. A field left undefined is a missing metric. */
export interface MachineMetrics {
  /** CPU utilisation as a fraction of the machine's limit (0.7 = 70%). */
  cpu?: number;
  /** Memory utilisation (working set / limit) as a fraction. */
  memory?: number;
  /** Requests per second served by this machine. */
  rps?: number;
  /** Share of 5xx responses, 0..1. */
  errorRatio?: number;
  /** Latency distribution over the window (merged across machines for the fleet quantile). */
  latency?: LatencyDistribution;
  /** Custom gauges by metric name. */
  custom?: Record<string, number>;
  /** Open (established TCP) connections held by this machine: what `connections` targets track. */
  connections?: number;
  /** Network bytes per second, loopback excluded (for display; no target reads it). */
  network?: { receiveBytesPerSecond: number; transmitBytesPerSecond: number };
  /** Block-device bytes per second (for display; no target reads it). */
  disk?: { readBytesPerSecond: number; writeBytesPerSecond: number };
}

/** One machine of the app as seen this tick. */
export interface MachineObservation {
  id: string;
  region: string;
  /** Running machines count toward the current machine count. */
  running: boolean;
  /** Passed its health checks (HPA: the Ready condition). */
  ready: boolean;
  /** Start time, ms since epoch, when known. */
  startedAt?: number;
  /** The machine's metrics; undefined when nothing was collected (every metric missing). */
  metrics?: MachineMetrics;
}

/** Everything observed about one app at one tick. */
export interface Observations {
  app: string;
  machines: readonly MachineObservation[];
  /** Requests/s seen at the edge (proxy), used to wake an app from zero. */
  edgeRps?: number;
  /**
   * Fleet-wide values of `query` and `queue` targets, by proposal name
   * (`query:<name>`, `queue:<queue>`, `list:<key>`). A target without a value
   * is a missing metric.
   */
  external?: Record<string, number>;
  /** Why the metric source gave nothing (or not everything) this tick; shown in the explanation. */
  sourceError?: string;
}

/** One recorded (unstabilized) recommendation, as HPA keeps them for its windows. */
export interface RecordedRecommendation {
  /** ms since epoch. */
  at: number;
  desired: number;
}

/** One scale event the scaler decided (HPA's scale events for rate policies). */
export interface ScaleEvent {
  /** ms since epoch. */
  at: number;
  from: number;
  to: number;
}

/** The per-scope (app, or one region) memory of past ticks. */
export interface ScopeHistory {
  recommendations: RecordedRecommendation[];
  events: ScaleEvent[];
  /** Burst mode lasts until this time (ms since epoch). */
  burstUntil?: number;
  /** Step rule key -> since when (ms) its condition has held. */
  stepSince?: Record<string, number>;
  /** Time of the last scale-up / scale-down event (ms since epoch). */
  lastScaleUp?: number;
  lastScaleDown?: number;
}

/**
 * What `decide` remembers between ticks. JSON-serializable and bounded:
 * entries older than the longest window or period are pruned on every tick.
 * With per-region bounds, each region keeps its own {@link ScopeHistory} under
 * `regions`; the top-level scope fields serve the single implicit region.
 */
export interface History extends ScopeHistory {
  version: 1;
  /** Consecutive ticks without any usable metric (for the fallback). */
  failures: number;
  /** Last time (ms) requests were seen, for scale to zero. */
  lastActiveAt?: number;
  /** Per-region scopes, keyed by region, when the policy has `regions`. */
  regions?: Record<string, ScopeHistory>;
  /** Forecast state (owned by `forecast/`), when predictive scaling is on. */
  forecast?: unknown;
  /** Capacity model state (owned by `capacity/`), when a latency target is in capacity mode. */
  capacity?: unknown;
}

/** The outcome of a decision. */
export type DecisionOutcome = 'scale_up' | 'scale_down' | 'no_change' | 'fallback';

/** Why a step of the decision changed (or held) the count. */
export type StepReason =
  | 'ScaleUpLimit'
  | 'ScaleDownLimit'
  | 'TooManyMachines'
  | 'TooFewMachines'
  | 'DesiredWithinRange'
  | 'ScaleUpStabilized'
  | 'ScaleDownStabilized'
  | 'ScaleDownSettling'
  | 'InvalidMetricNoScaleDown'
  | 'NoUsableMetrics'
  | 'Fallback'
  | 'StepRule'
  | 'BurstEntered'
  | 'BurstNoScaleDown'
  | 'CooldownUp'
  | 'CooldownDown'
  | 'ScaleToZero'
  | 'ActivateFromZero'
  | 'StayAtZero'
  | 'PredictiveFloor'
  | 'CapacityCalibrated'
  | 'CapacityLearning'
  | 'AppMaxAcrossRegions'
  | 'AppMinAcrossRegions';

/** One step of the pipeline from proposal to final count, with its reason. */
export interface DecisionStep {
  /** The pipeline stage: `metrics`, `steps`, `burst`, `stabilization`, `cooldown`, `rate`, `bounds`, ... */
  stage: string;
  reason: StepReason;
  /** Region, when the decision is per region. */
  region?: string;
  /** Count before and after this step. */
  before: number;
  after: number;
  /** One line a person can read. */
  message: string;
  /** The numbers behind the step (window, limit, period, ...). */
  numbers?: Record<string, number>;
}

/** What one target (or step rule) proposes, with every number of its formula. */
export interface MetricProposal {
  /** `cpu`, `memory`, `rps`, `latency:p99`, `custom:<name>`, or `step:<key>`. */
  metric: string;
  region?: string;
  /** `ok`: a proposal; `invalid`: no usable value (counts as an invalid metric). */
  status: 'ok' | 'invalid';
  /** The fleet value compared with the target (utilisation fraction, rps/machine, ms, ...). */
  current?: number;
  target?: number;
  /** current / target (after rebalancing missing and unready machines when that applied). */
  ratio?: number;
  /** The ratio before rebalancing missing/unready machines. */
  rawRatio?: number;
  /** Machines with a usable value / missing the metric / not ready. */
  readyCount: number;
  missingCount: number;
  unreadyCount: number;
  /** Machines the ratio was applied to. */
  basis?: number;
  /** Proposed machine count (undefined when invalid). */
  proposed?: number;
  /** Why the proposal equals the current count when it does (tolerance, direction flip, ...). */
  note?: string;
  /** The formula with its numbers, for people. */
  formula: string;
}

/** The bounds in force at this tick. */
export interface DecisionBounds {
  min: number;
  max: number;
  /** Names of the active scheduled overrides, when any. */
  schedule?: string[];
}

/** Every input of the decision, so it can be replayed. */
export interface DecisionInputs {
  policy: AppConfig;
  observations: Observations;
  history: History;
  now: number;
}

/** What `decide` concluded, with everything that led there. */
export interface Decision {
  version: 1;
  app: string;
  /** `now`, ms since epoch. */
  at: number;
  /** Running machines. */
  current: number;
  currentByRegion: Record<string, number>;
  desired: number;
  /** Per configured region; `*` when the policy has no regions (placement is the provider's). */
  desiredByRegion: Record<string, number>;
  outcome: DecisionOutcome;
  bounds: DecisionBounds;
  /** Stopped machines the reconciler keeps ready beyond the running count. */
  warmPool: number;
  proposals: MetricProposal[];
  steps: DecisionStep[];
  /** One line a person can read. */
  explanation: string;
  inputs: DecisionInputs;
  /** The history to store and pass to the next tick. */
  history: History;
}

/** The key of the single implicit region, when the policy has no `regions`. */
export const ANY_REGION = '*';
