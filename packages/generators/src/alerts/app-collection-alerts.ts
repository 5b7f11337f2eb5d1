import { AUTOSCALER_METRICS, COLLECTOR_METRICS } from '@governor/telemetry';
import { selector } from '../promql.js';
import type { AlertDefinition } from './alert-definition.js';
import type { AppAlertScope } from './app-scope.js';
import { buildRule, constant, series } from './rule-builder.js';

const SCRAPE_UP = COLLECTOR_METRICS.scrapeUp.name;
const REPORTING = AUTOSCALER_METRICS.appInstancesReporting.name;
const MACHINES = AUTOSCALER_METRICS.machines.name;

/** A collector cannot scrape one of its targets for 5 minutes. */
export function scrapeTargetDown(scope: AppAlertScope): AlertDefinition {
  const app = scope.app.name;
  const rule = buildRule(scope, {
    name: 'GovernorScrapeTargetDown',
    expr: `${selector(SCRAPE_UP, { app })} == 0`,
    forMs: 300_000,
    summary: `${app}: a scrape target is down`,
    description:
      'The collector of instance {{ $labels.instance }} (' +
      app +
      ') cannot scrape {{ $labels.target }} for 5m: its metrics are missing from scaling decisions.',
  });
  const labels = { app, instance: `${app}-1`, target: 'http://127.0.0.1:8080/metrics' };
  return {
    rule,
    firing: {
      name: 'fires when a target stays down for 5m',
      series: [series(SCRAPE_UP, labels, constant(0, 20))],
      evalTime: '10m',
      expect: [{ labels, value: 0 }],
    },
    silent: {
      name: 'stays silent while scrapes succeed',
      series: [series(SCRAPE_UP, labels, constant(1, 20))],
      evalTime: '10m',
      expect: [],
    },
  };
}

/**
 * Fewer instances report fresh snapshots than machines are started, for 5
 * minutes: collector sidecars are down or cannot publish to the bus.
 */
export function collectorMissing(scope: AppAlertScope): AlertDefinition {
  const app = scope.app.name;
  // max by (app, region) first: in cluster mode every replica may export the gauge.
  const started = `sum by (app) (max by (app, region) (${selector(MACHINES, { app, state: 'started' })}))`;
  const rule = buildRule(scope, {
    name: 'GovernorCollectorMissing',
    expr: `max by (app) (${selector(REPORTING, { app })})\n< ${started}`,
    forMs: 300_000,
    summary: `${app}: collectors missing`,
    description:
      `Only {{ $value | printf "%.0f" }} instances of ${app} report metrics while more machines are started, ` +
      'for 5m: collector sidecars are down or cannot publish to the bus.',
  });
  const started1 = { app, region: 'r1', state: 'started' };
  const started2 = { app, region: 'r2', state: 'started' };
  return {
    rule,
    firing: {
      name: 'fires when 1 of 3 started machines reports',
      series: [
        series(REPORTING, { app }, constant(1, 20)),
        series(MACHINES, started1, constant(2, 20)),
        series(MACHINES, started2, constant(1, 20)),
      ],
      evalTime: '10m',
      expect: [{ labels: { app }, value: 1 }],
    },
    silent: {
      name: 'stays silent when every started machine reports',
      series: [
        series(REPORTING, { app }, constant(3, 20)),
        series(MACHINES, started1, constant(2, 20)),
        series(MACHINES, started2, constant(1, 20)),
      ],
      evalTime: '10m',
      expect: [],
    },
  };
}
