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
