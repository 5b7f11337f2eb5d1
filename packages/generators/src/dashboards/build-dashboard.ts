import dashgen from 'grafana-dash-gen';
import { jsonNotice } from '../header.js';
import type { DashboardSpec, LabelVariable, PromAnnotation } from './dashboard-spec.js';
import { DATASOURCE, type PanelDraft } from './panels.js';

/** The Grafana schema version the generated JSON follows (Grafana 10.4/11). */
export const SCHEMA_VERSION = 39;

const GRID_COLUMNS = 24;

type Json = Record<string, unknown>;

/**
 * Builds a modern Grafana dashboard from a spec. grafana-dash-gen provides
 * the shell (title, tags, time, rows, templating); its output is 2015-era
 * (schemaVersion 6, `rows`), so it is post-processed here into a flat
 * `panels` list with `row` panels, `gridPos`, sequential (stable) ids, a
 * `datasource` variable and Prometheus annotations.
 *
 * @param source - The config file shown in the "generated" notice.
 */
export function buildDashboard(spec: DashboardSpec, source: string): Json {
  const dashboard = new dashgen.Dashboard({
    title: spec.title,
    tags: [...spec.tags],
    refresh: '30s',
    time: { from: spec.from ?? 'now-6h', to: 'now' },
  });
  dashboard.addTemplate(
    new dashgen.Templates.Custom({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
  );
  for (const v of spec.variables) dashboard.addTemplate(labelVariable(v));
  for (const r of spec.rows) {
    const row = new dashgen.Row({ title: r.title });
    // dash-gen only calls generate() on panels; ours emit modern panel drafts.
    for (const p of r.panels) row.addPanel(p as unknown as Parameters<typeof row.addPanel>[0]);
    dashboard.addRow(row);
  }
  const shell = dashboard.generate();
  const notice = jsonNotice(source);
  return {
    __generated: notice,
    annotations: { list: [builtInAnnotation(), ...spec.annotations.map(promAnnotation)] },
    description: `${spec.description} (${notice})`,
    editable: false,
    fiscalYearStartMonth: 0,
    graphTooltip: 1,
    id: null,
    links: [],
    panels: layout(shell.rows ?? []),
    refresh: shell.refresh,
    schemaVersion: SCHEMA_VERSION,
    tags: shell.tags,
    templating: { list: shell.templating.list.map((t) => modernVariable(t as unknown as Json)) },
    time: shell.time,
    timepicker: {},
    timezone: 'utc',
    title: shell.title,
    uid: spec.uid,
    version: 1,
  };
}

function labelVariable(v: LabelVariable) {
  return new dashgen.Templates.Query(`label_values(${v.metric}, ${v.labelName ?? v.name})`, {
    name: v.name,
    label: v.label,
    datasource: '${datasource}',
    includeAll: false,
    multi: false,
  });
}

/** Rows become `row` panels; their panels follow with `gridPos`, wrapping at 24 columns. */
function layout(rows: readonly { title?: string; panels: unknown[] }[]): Json[] {
  const out: Json[] = [];
  let id = 1;
  let y = 0;
  for (const row of rows) {
    out.push({
      collapsed: false,
      gridPos: { h: 1, w: GRID_COLUMNS, x: 0, y },
      id: id++,
      panels: [],
      title: row.title ?? '',
      type: 'row',
    });
    y += 1;
    let x = 0;
    let lineHeight = 0;
    for (const draft of row.panels as PanelDraft[]) {
      const { w, h } = draft.size;
      if (x + w > GRID_COLUMNS) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      out.push({ id: id++, type: draft.type, title: draft.title, gridPos: { h, w, x, y }, ...draft.body });
      x += w;
      lineHeight = Math.max(lineHeight, h);
    }
    y += lineHeight;
  }
  return out;
}

function modernVariable(t: Json): Json {
  if (t.type === 'datasource') {
    return {
      current: {},
      hide: 0,
      includeAll: false,
      label: 'Data source',
      multi: false,
      name: t.name,
      options: [],
      query: 'prometheus',
      refresh: 1,
      regex: '',
      type: 'datasource',
    };
  }
  const query = String(t.query);
  return {
    current: {},
    datasource: DATASOURCE,
    definition: query,
    hide: 0,
    includeAll: t.includeAll,
    label: t.label,
    multi: t.multi,
    name: t.name,
    options: [],
    query: { qryType: 1, query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    refresh: 2,
    regex: '',
    sort: 1,
    type: 'query',
  };
}

function builtInAnnotation(): Json {
  return {
    builtIn: 1,
    datasource: { type: 'grafana', uid: '-- Grafana --' },
    enable: true,
    hide: true,
    iconColor: 'rgba(0, 211, 255, 1)',
    name: 'Annotations & Alerts',
    type: 'dashboard',
  };
}

function promAnnotation(a: PromAnnotation): Json {
  return {
    datasource: DATASOURCE,
    enable: true,
    expr: a.expr,
    iconColor: a.color,
    name: a.name,
    step: '1m',
    tagKeys: a.tagKeys,
    textFormat: a.textFormat,
    titleFormat: a.titleFormat,
    useValueForTime: false,
  };
}
