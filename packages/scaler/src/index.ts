export type { CapacityEstimate } from './capacity/capacity-estimate.js';
export { estimateCapacity } from './capacity/capacity-estimate.js';
export type { CapacityState, RateBin } from './capacity/capacity-state.js';
export { emptyCapacity, restoreCapacity } from './capacity/capacity-state.js';
export type { CapacityView } from './capacity/capacity-tick.js';
export type { WindowReading } from './capacity/observe-window.js';
export { observeWindow } from './capacity/observe-window.js';
export { decide } from './decide.js';
export { explain } from './explain.js';
export type { FleetQuantile } from './fleet-latency.js';
export { fleetQuantile } from './fleet-latency.js';
export { emptyHistory } from './history.js';
export type {
  Decision,
  DecisionBounds,
  DecisionInputs,
  DecisionOutcome,
  DecisionStep,
  History,
  MachineMetrics,
  MachineObservation,
  MetricProposal,
  Observations,
  RecordedRecommendation,
  ScaleEvent,
  ScopeHistory,
  StepReason,
} from './types.js';
export { ANY_REGION } from './types.js';
