import type { StatPanel, TimeseriesPanel } from './panels.js';

/** A `query` template variable filled from `label_values(<metric>, <label>)`. */
export interface LabelVariable {
  readonly name: string;
  readonly label: string;
  readonly metric: string;
  /** Label whose values the variable lists. Default: `name`. */
  readonly labelName?: string;
}

/** A Prometheus annotation query (e.g. scaling decisions on every time series). */
export interface PromAnnotation {
  readonly name: string;
  readonly expr: string;
  /** Grafana color name. */
  readonly color: string;
  /** Comma-separated labels turned into annotation tags. */
  readonly tagKeys: string;
  readonly titleFormat: string;
  readonly textFormat: string;
}

/** A titled row of panels, laid out left to right, wrapping at 24 columns. */
export interface RowSpec {
  readonly title: string;
  readonly panels: readonly (TimeseriesPanel | StatPanel)[];
}

/** Everything a generated dashboard is made of. */
export interface DashboardSpec {
  /** Stable Grafana uid, e.g. `governor-fleet`. */
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** Variables after the always-present `datasource` variable. */
  readonly variables: readonly LabelVariable[];
  readonly annotations: readonly PromAnnotation[];
  readonly rows: readonly RowSpec[];
  /** Default time range start. Default `now-6h`. */
  readonly from?: string;
}
