export type { WindowMetrics } from './model/collector-window.js';
export { CollectorWindow, LATENCY_BOUNDS } from './model/collector-window.js';
export type { MachineModel } from './model/machine-model.js';
export { DEFAULT_MACHINE_MODEL, machineCapacity } from './model/machine-model.js';
export type { LatencyLaw } from './model/queue-latency.js';
export {
  erlangC,
  latencyLaw,
  lawExceedance,
  lawQuantile,
  maxRpsWithin,
  RHO_CAP,
} from './model/queue-latency.js';
export type { QueueTick } from './model/region-queue.js';
export { stepQueue } from './model/region-queue.js';
export type { BaselineName } from './policies/baselines.js';
export {
  ALL_BASELINES,
  BASELINES,
  flyAutoscalerPolicy,
  HPA_DEFAULT_CPU_TARGET,
  HPA_FRONTIER_TARGETS,
  hpaDefaultPolicy,
} from './policies/baselines.js';
export { formatFrontierTable } from './report/frontier-table.js';
export { renderHtmlReport } from './report/html-report.js';
export {
  alignTable,
  formatScorecardTable,
  RELATIVE_COST_COLUMNS,
  relativeCostCells,
  SCORECARD_COLUMNS,
  scorecardCells,
} from './report/scorecard-table.js';
export type { ChartSeries, LineChartOptions } from './report/svg-chart.js';
export { escapeXml, lineChart } from './report/svg-chart.js';
export type { Controller, ControllerInput, ControllerOutput } from './run/controller.js';
export { decideController, placeByShare } from './run/controller.js';
export type { ReactiveIdealPoint } from './run/reactive-ideal.js';
export { REACTIVE_IDEAL_HOLDS } from './run/reactive-ideal.js';
export type { PolicySeries, SimulationSeries } from './run/series.js';
export type { FrontierPoint, IsoSloCost } from './score/iso-slo-cost.js';
export { frontierCostAt, isoSloCost } from './score/iso-slo-cost.js';
export { withRelativeCosts } from './score/relative-cost.js';
export type { ReactionStats, Scorecard } from './score/scorecard.js';
export type { SimulateOptions, SimulationResult } from './simulate.js';
export { pickApp, simulate } from './simulate.js';
export { loadTraceFile } from './trace/load-trace-file.js';
export type { ZeroGapOptions } from './trace/mask-gaps.js';
export { DEFAULT_MIN_ZERO_RUN, fillMasked, maskZeroRuns } from './trace/mask-gaps.js';
export type { ParseTraceOptions } from './trace/parse-trace.js';
export { MASK_MARKERS, parseTrace } from './trace/parse-trace.js';
export type { SeededRandom } from './trace/synthetic/seeded-random.js';
export { seededRandom } from './trace/synthetic/seeded-random.js';
export type { SyntheticShape, SyntheticTraceOptions } from './trace/synthetic/synthetic-trace.js';
export { SYNTHETIC_SHAPES, syntheticTrace } from './trace/synthetic/synthetic-trace.js';
export type { Trace } from './trace/trace.js';
export { maskedCount, peakRps, scaleTrace } from './trace/trace.js';
