import dashgen from 'grafana-dash-gen';
import { jsonNotice } from '../header.js';
import type { DashboardSpec, LabelVariable, PromAnnotation } from './dashboard-spec.js';
import { DATASOURCE, type PanelDraft } from './panels.js';

/** The Grafana schema version the generated JSON follows (Grafana 10.4/11). */
export const SCHEMA_VERSION = 39;

const GRID_COLUMNS = 24;

type Json = Record<string, unknown>;

/**
 * Builds a modern Grafana dashboard from a spec. grafana-dash-gen builds the
 * dashboard object (title, tags, time, refresh, timezone, schema version,
 * links) and its templating (a datasource variable and label_values query
 * variables). The annotations (the built-in one and the spec's Prometheus
 * annotations) and the panels are our own: the spec's rows are laid out here
 * into a flat `panels` list with `row` panels, `gridPos` and sequential
 * (stable) ids, and dash-gen's template entries are given the fields current
 * Grafana reads.
 *
 * @param source - The config file shown in the "generated" notice.
 */
export function buildDashboard(spec: DashboardSpec, source: string): Json {
  const dashboard = new dashgen.Dashboard({
    title: spec.title,
    tags: [...spec.tags],
    refresh: '30s',
    time: { from: spec.from ?? 'now-6h', to: 'now' },
    timezone: 'utc',
    editable: false,
    schemaVersion: SCHEMA_VERSION,
  });
  dashboard.addTemplate(
    new dashgen.Templates.Custom({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
  );
  for (const v of spec.variables) dashboard.addTemplate(labelVariable(v));
  const annotations = [builtInAnnotation(), ...spec.annotations.map(promAnnotation)];
  const shell = dashboard.generate();
  const notice = jsonNotice(source);
  return {
    __generated: notice,
    annotations: { list: annotations },
    description: `${spec.description} (${notice})`,
    editable: shell.editable,
    fiscalYearStartMonth: 0,
    graphTooltip: 1,
    id: shell.id ?? null,
    links: shell.links,
    panels: layout(spec.rows.map((r) => ({ title: r.title, panels: r.panels.map((p) => p.generate()) }))),
    refresh: shell.refresh,
    schemaVersion: shell.schemaVersion,
    tags: shell.tags,
    templating: { list: shell.templating.list.map((t) => modernVariable(t)) },
    time: shell.time,
    timepicker: {},
    timezone: shell.timezone,
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
function layout(rows: readonly { title: string; panels: readonly PanelDraft[] }[]): Json[] {
  const out: Json[] = [];
  let id = 1;
  let y = 0;
  for (const row of rows) {
    out.push({
      collapsed: false,
      gridPos: { h: 1, w: GRID_COLUMNS, x: 0, y },
      id: id++,
      panels: [],
      title: row.title,
      type: 'row',
    });
    y += 1;
    let x = 0;
    let lineHeight = 0;
    for (const draft of row.panels) {
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
