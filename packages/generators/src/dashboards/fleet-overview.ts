import type { AppConfig, GovernorConfig } from '@governor/config';
import { AUTOSCALER_METRICS } from '@governor/telemetry';
import { selector } from '../promql.js';
import type { DashboardSpec, RowSpec } from './dashboard-spec.js';
import { decisionAnnotation } from './decision-annotation.js';
import { StatPanel, TimeseriesPanel } from './panels.js';

const M = AUTOSCALER_METRICS;

// In cluster mode every autoscaler replica may export the same gauge:
// `max by` deduplicates replicas, `sum` then adds regions.
function appRow(app: AppConfig): RowSpec {
  const a = { app: app.name };
  const started = selector(M.machines.name, { ...a, state: 'started' });
  const regions = Object.keys(app.regions);
  return {
    title: `${app.name} (${app.mode}; min ${app.min}, max ${app.max}${regions.length ? `; ${regions.join(', ')}` : ''})`,
    panels: [
      new TimeseriesPanel({
        title: `${app.name}: machines by region (current, desired) and bounds`,
        description: 'Started machines and the desired count per region, against the effective min and max.',
        width: 12,
        queries: [
          { expr: `max by (region) (${started})`, legend: '{{region}} current' },
          { expr: `max by (region) (${selector(M.desired.name, a)})`, legend: '{{region}} desired' },
          { expr: `max(${selector(M.recommended.name, a)})`, legend: 'recommended' },
          { expr: `max(${selector(M.minMachines.name, a)})`, legend: 'min' },
          { expr: `max(${selector(M.maxMachines.name, a)})`, legend: 'max' },
        ],
        min: 0,
      }),
      new TimeseriesPanel({
        title: `${app.name}: machines by state`,
        description: 'Provider states of all machines (stopped and suspended ones form the warm pool).',
        width: 6,
        queries: [{ expr: `max by (state) (${selector(M.machines.name, a)})`, legend: '{{state}}' }],
        min: 0,
      }),
      new StatPanel({
        title: `${app.name}: running / max`,
        width: 6,
        height: 8,
        queries: [
          { expr: `sum(max by (region) (${started}))`, legend: 'running' },
          { expr: `sum(max by (region) (${selector(M.desired.name, a)}))`, legend: 'desired' },
          { expr: `max(${selector(M.maxMachines.name, a)})`, legend: 'max' },
        ],
      }),
    ],
  };
}

/** Fleet overview: machines current/desired/min/max per app and region, decisions as annotations. */
export function fleetOverview(config: GovernorConfig): DashboardSpec {
  const summary: RowSpec = {
    title: 'Fleet',
    panels: [
      new StatPanel({
        title: 'Machines running',
        queries: [{ expr: `sum(max by (app, region) (${selector(M.machines.name, { state: 'started' })}))` }],
      }),
      new StatPanel({
        title: 'Apps pinned at max',
        description: 'Apps whose metrics ask for more machines than their maximum.',
        queries: [
          {
            expr: `count(max by (app) (${M.recommended.name}) > max by (app) (${M.maxMachines.name})) or vector(0)`,
          },
        ],
        redFrom: 1,
      }),
      new StatPanel({
        title: 'Scale decisions (1h)',
        queries: [
          { expr: `sum(increase(${selector(M.decisions.name, { outcome: '=~scale_up|scale_down' })}[1h]))` },
        ],
      }),
      new StatPanel({
        title: 'Failed actions (1h)',
        queries: [{ expr: `sum(increase(${selector(M.actions.name, { result: '=~error|rejected' })}[1h]))` }],
        redFrom: 1,
      }),
    ],
  };
  return {
    uid: 'governor-fleet-overview',
    title: 'Governor / Fleet overview',
    description: 'Machines current, desired, min and max per app and region, with scaling decisions',
    tags: ['governor', 'generated'],
    variables: [],
    annotations: [decisionAnnotation()],
    rows: [summary, ...config.apps.map(appRow)],
  };
}
