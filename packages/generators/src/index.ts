export type {
  AlertDefinition,
  AlertGroup,
  AlertRule,
  AlertScenario,
  ExpectedAlert,
  InputSeries,
} from './alerts/alert-definition.js';
export { alertGroups, appGroupFile } from './alerts/alert-groups.js';
export { renderAnnotation } from './alerts/annotation-template.js';
export { renderRuleFile } from './alerts/render-rules.js';
export { renderRuleTestFile } from './alerts/render-tests.js';
export type { GeneratedFile, GenerateOptions } from './artifacts.js';
export { generateArtifacts } from './artifacts.js';
export { appDetail } from './dashboards/app-detail.js';
export { autoscalerHealth } from './dashboards/autoscaler-health.js';
export { buildDashboard, SCHEMA_VERSION } from './dashboards/build-dashboard.js';
export type { DashboardSpec, LabelVariable, PromAnnotation, RowSpec } from './dashboards/dashboard-spec.js';
export { fleetOverview } from './dashboards/fleet-overview.js';
export type { PanelDraft, PanelOptions, PromQuery } from './dashboards/panels.js';
export { DATASOURCE, StatPanel, TimeseriesPanel } from './dashboards/panels.js';
export { promDuration } from './duration.js';
export type { GenerateFromFileResult } from './generate-from-file.js';
export { generateFromFile } from './generate-from-file.js';
export { GENERATED_MARKER, jsonNotice, yamlHeader } from './header.js';
export { metricNamesIn, metricNamesInVariableQuery } from './promql-metrics.js';
export type { ArtifactDiff, WriteResult } from './write-artifacts.js';
export { diffArtifacts, writeArtifacts } from './write-artifacts.js';
