/** The Prometheus datasource of every panel: the dashboard's `datasource` variable. */
export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' } as const;

/** A PromQL query of a panel. */
export interface PromQuery {
  readonly expr: string;
  /** Legend template, e.g. `{{region}}`. Default: the series labels. */
  readonly legend?: string;
}

/** Common options of generated panels. */
export interface PanelOptions {
  readonly title: string;
  readonly description?: string;
  readonly queries: readonly PromQuery[];
  /** Grafana unit id (`s`, `percentunit`, `short`, `bytes`, `reqps`). Default `short`. */
  readonly unit?: string;
  /** Width in grid columns (of 24). Default 12. */
  readonly width?: number;
  /** Height in grid rows. Default 8. */
  readonly height?: number;
  readonly min?: number;
  readonly max?: number;
  /** Red threshold (from this value up). Default: none (green only). */
  readonly redFrom?: number;
}

/**
 * A panel before layout: everything but `id` and the grid position, which
 * {@link modernizeDashboard} assigns so that ids are stable across runs.
 */
export interface PanelDraft {
  readonly type: 'timeseries' | 'stat';
  readonly title: string;
  readonly size: { readonly w: number; readonly h: number };
  readonly body: Readonly<Record<string, unknown>>;
}

function targets(queries: readonly PromQuery[]): Record<string, unknown>[] {
  return queries.map((q, i) => ({
    refId: String.fromCharCode(65 + i),
    datasource: DATASOURCE,
    editorMode: 'code',
    expr: q.expr,
    legendFormat: q.legend ?? '__auto',
    range: true,
  }));
}

function fieldDefaults(o: PanelOptions, custom?: Record<string, unknown>): Record<string, unknown> {
  const steps: Record<string, unknown>[] = [{ color: 'green', value: null }];
  if (o.redFrom !== undefined) steps.push({ color: 'red', value: o.redFrom });
  return {
    ...(custom ? { custom } : {}),
    unit: o.unit ?? 'short',
    ...(o.min !== undefined ? { min: o.min } : {}),
    ...(o.max !== undefined ? { max: o.max } : {}),
    thresholds: { mode: 'absolute', steps },
  };
}

/**
 * A modern `timeseries` panel. Has `generate()`, so grafana-dash-gen rows
 * accept it in place of their Angular `graph` panel.
 */
export class TimeseriesPanel {
  constructor(private readonly o: PanelOptions) {}

  generate(): PanelDraft {
    const o = this.o;
    const custom = {
      drawStyle: 'line',
      lineWidth: 1,
      fillOpacity: 10,
      showPoints: 'never',
      spanNulls: false,
      ...(o.redFrom !== undefined ? { thresholdsStyle: { mode: 'dashed' } } : {}),
    };
    return {
      type: 'timeseries',
      title: o.title,
      size: { w: o.width ?? 12, h: o.height ?? 8 },
      body: {
        ...(o.description ? { description: o.description } : {}),
        datasource: DATASOURCE,
        fieldConfig: { defaults: fieldDefaults(o, custom), overrides: [] },
        options: {
          legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
          tooltip: { mode: 'multi', sort: 'desc' },
        },
        targets: targets(o.queries),
      },
    };
  }
}

/** A modern `stat` panel showing the last value of each query. */
export class StatPanel {
  constructor(private readonly o: PanelOptions) {}

  generate(): PanelDraft {
    const o = this.o;
    return {
      type: 'stat',
      title: o.title,
      size: { w: o.width ?? 6, h: o.height ?? 4 },
      body: {
        ...(o.description ? { description: o.description } : {}),
        datasource: DATASOURCE,
        fieldConfig: { defaults: fieldDefaults(o), overrides: [] },
        options: {
          colorMode: 'value',
          graphMode: 'area',
          justifyMode: 'auto',
          orientation: 'auto',
          reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
          textMode: 'auto',
        },
        targets: targets(o.queries),
      },
    };
  }
}
