import { describe, expect, it } from 'vitest';
import { generateArtifacts } from '../src/artifacts.js';
import { SCHEMA_VERSION } from '../src/dashboards/build-dashboard.js';
import { metricNamesInVariableQuery } from '../src/promql-metrics.js';
import { twoApps } from './fixtures/config-two-apps.js';
import { unexportedNames } from './support/exported-names.js';

type Json = Record<string, unknown>;
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: { expr: string; refId: string; datasource: { type: string; uid: string } }[];
}

/** Panel types Grafana 11 disables and 12 removes (Angular plugins). */
const ANGULAR = ['graph', 'singlestat', 'table-old', 'grafana-piechart-panel', 'grafana-worldmap-panel'];

const dashboards = generateArtifacts(twoApps, { source: 'fixture' })
  .filter((f) => f.path.startsWith('dashboards/'))
  .map((f) => ({ path: f.path, text: f.content, json: JSON.parse(f.content) as Json }));

function overlaps(a: Panel['gridPos'], b: Panel['gridPos']): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('generated dashboards', () => {
  it('are the fleet overview, app detail and autoscaler health', () => {
    expect(dashboards.map((d) => d.path)).toEqual([
      'dashboards/fleet-overview.json',
      'dashboards/app-detail.json',
      'dashboards/autoscaler-health.json',
    ]);
  });

  for (const d of dashboards) {
    describe(d.path, () => {
      const panels = d.json.panels as Panel[];

      it('are modern Grafana JSON: current schemaVersion, flat panels, no rows, stable uid, generated notice', () => {
        expect(d.json.schemaVersion).toBe(SCHEMA_VERSION);
        expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(39);
        expect(d.json).not.toHaveProperty('rows');
        expect(d.json.uid).toMatch(/^governor-[a-z-]+$/);
        expect(String(d.json.__generated)).toContain('DO NOT EDIT');
        expect(String(d.json.description)).toContain('DO NOT EDIT');
        expect(d.text).not.toContain('[object Object]');
      });

      it('use only timeseries, stat and row panels (no Angular panel types)', () => {
        for (const p of panels) {
          expect(ANGULAR).not.toContain(p.type);
          expect(['timeseries', 'stat', 'row']).toContain(p.type);
        }
      });

      it('have unique sequential ids and non-overlapping gridPos inside 24 columns', () => {
        expect(panels.map((p) => p.id)).toEqual(panels.map((_, i) => i + 1));
        for (const p of panels) {
          expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
          expect(p.gridPos.w).toBeGreaterThan(0);
          expect(p.gridPos.h).toBeGreaterThan(0);
        }
        for (let i = 0; i < panels.length; i++) {
          for (let j = i + 1; j < panels.length; j++) {
            const [a, b] = [panels[i]!, panels[j]!];
            expect(overlaps(a.gridPos, b.gridPos), `${a.title} overlaps ${b.title}`).toBe(false);
          }
        }
      });

      it('query Prometheus through the datasource variable', () => {
        const vars = (d.json.templating as { list: Json[] }).list;
        expect(vars[0]).toMatchObject({ name: 'datasource', type: 'datasource', query: 'prometheus' });
        for (const p of panels.filter((x) => x.type !== 'row')) {
          expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
          expect(p.targets?.length, p.title).toBeGreaterThan(0);
          for (const t of p.targets ?? []) expect(t.datasource.uid).toBe('${datasource}');
        }
      });

      it('query only metric names the project exports (panels, variables, annotations)', () => {
        const exprs: string[] = [];
        for (const p of panels) for (const t of p.targets ?? []) exprs.push(t.expr);
        for (const a of (d.json.annotations as { list: Json[] }).list) if (a.expr) exprs.push(String(a.expr));
        for (const expr of exprs) expect(unexportedNames(expr), expr).toEqual([]);
        for (const v of (d.json.templating as { list: Json[] }).list) {
          if (v.type !== 'query') continue;
          const names = metricNamesInVariableQuery(String(v.definition));
          expect(names.length).toBeGreaterThan(0);
          for (const n of names) expect(unexportedNames(n)).toEqual([]);
        }
      });
    });
  }

  it('render the same bytes every time (stable ids, no global counters)', () => {
    const again = generateArtifacts(twoApps, { source: 'fixture' }).filter((f) =>
      f.path.startsWith('dashboards/'),
    );
    expect(again.map((f) => f.content)).toEqual(dashboards.map((d) => d.text));
  });

  it('fleet overview has a row per app with current, desired, min and max, and decision annotations', () => {
    const fleet = dashboards[0]!.json;
    const panels = fleet.panels as Panel[];
    const rows = panels.filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual(['Fleet', expect.stringMatching(/^web /), expect.stringMatching(/^worker /)]);
    const machines = panels.find((p) => p.title === 'web: machines by region (current, desired) and bounds');
    const exprs = machines?.targets?.map((t) => t.expr).join('\n') ?? '';
    for (const m of [
      'governor_machines',
      'governor_desired_machines',
      'governor_min_machines',
      'governor_max_machines',
    ]) {
      expect(exprs).toContain(`${m}{app="web"`);
    }
    const annotations = (fleet.annotations as { list: Json[] }).list;
    expect(annotations.some((a) => String(a.expr).includes('governor_decisions_total'))).toBe(true);
  });

  it('app detail plots P50, P90 and P99 against the SLO for the selected app', () => {
    const detail = dashboards[1]!.json;
    const latency = (detail.panels as Panel[]).find((p) => p.title.startsWith('Latency P50'));
    const exprs = latency?.targets?.map((t) => t.expr) ?? [];
    for (const q of ['p50', 'p90', 'p99'])
      expect(exprs.some((e) => e.includes(`percentile="${q}"`))).toBe(true);
    expect(exprs.some((e) => e.includes('governor_app_slo_seconds{app="$app"}'))).toBe(true);
    expect((detail.templating as { list: Json[] }).list.map((v) => v.name)).toEqual(['datasource', 'app']);
  });
});
