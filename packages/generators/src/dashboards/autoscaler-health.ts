import { AUTOSCALER_METRICS, COLLECTOR_METRICS } from '@governor/telemetry';
import type { DashboardSpec } from './dashboard-spec.js';
import { StatPanel, TimeseriesPanel } from './panels.js';

const M = AUTOSCALER_METRICS;
const C = COLLECTOR_METRICS;
const tickQuantile = (q: number) =>
  `histogram_quantile(${q}, sum by (le) (rate(${M.tickDuration.name}_bucket[$__rate_interval])))`;

/** Autoscaler health: tick duration, decisions, action results, queue depth, leader, config, notifications. */
export function autoscalerHealth(): DashboardSpec {
  return {
    uid: 'governor-autoscaler-health',
    title: 'Governor / Autoscaler health',
    description: 'Loop timing, decisions, actions, queue depth, leadership, config reloads and notifications',
    tags: ['governor', 'generated'],
    variables: [],
    annotations: [],
    rows: [
      {
        title: 'Cluster',
        panels: [
          new StatPanel({
            title: 'Leaders',
            description: 'Replicas holding the lease: exactly 1 is healthy.',
            queries: [{ expr: `sum(${M.leader.name}) or vector(0)` }],
          }),
          new StatPanel({
            title: 'Last config reload',
            description: '1 = succeeded; 0 = failed and the previous config is kept.',
            queries: [{ expr: `min(${M.configReloadSuccess.name})` }],
          }),
          new StatPanel({
            title: 'Pending actions',
            queries: [{ expr: `max(${M.actionQueueDepth.name})` }],
          }),
          new StatPanel({
            title: 'Config hashes in use',
            description: 'More than 1 means replicas run different configs.',
            queries: [{ expr: `count(count_values("hash", ${M.configHash.name}))` }],
          }),
          new TimeseriesPanel({
            title: 'Leader by replica',
            min: 0,
            max: 1,
            queries: [{ expr: `max by (replica) (${M.leader.name})`, legend: '{{replica}}' }],
          }),
          new TimeseriesPanel({
            title: 'Fencing token',
            queries: [{ expr: `max by (replica) (${M.fencingToken.name})`, legend: '{{replica}}' }],
          }),
        ],
      },
      {
        title: 'Loop',
        panels: [
          new TimeseriesPanel({
            title: 'Tick duration',
            unit: 's',
            min: 0,
            queries: [
              { expr: tickQuantile(0.5), legend: 'P50' },
              { expr: tickQuantile(0.99), legend: 'P99' },
            ],
          }),
          new TimeseriesPanel({
            title: 'Decisions by outcome',
            unit: 'ops',
            min: 0,
            queries: [
              {
                expr: `sum by (outcome) (rate(${M.decisions.name}[$__rate_interval]))`,
                legend: '{{outcome}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Actions',
        panels: [
          new TimeseriesPanel({
            title: 'Action results',
            unit: 'ops',
            min: 0,
            queries: [
              {
                expr: `sum by (action, result) (rate(${M.actions.name}[$__rate_interval]))`,
                legend: '{{action}} {{result}}',
              },
            ],
          }),
          new TimeseriesPanel({
            title: 'Action queue depth',
            min: 0,
            queries: [{ expr: `max(${M.actionQueueDepth.name})`, legend: 'pending' }],
          }),
        ],
      },
      {
        title: 'Notifications and collectors',
        panels: [
          new TimeseriesPanel({
            title: 'Notifications by receiver and result',
            unit: 'ops',
            min: 0,
            queries: [
              {
                expr: `sum by (receiver, result) (rate(${M.notifications.name}[$__rate_interval]))`,
                legend: '{{receiver}} {{result}}',
              },
            ],
          }),
          new TimeseriesPanel({
            title: 'Collector publish errors and scrape errors',
            unit: 'ops',
            min: 0,
            queries: [
              {
                expr: `sum by (app) (rate(${C.publishErrors.name}[$__rate_interval]))`,
                legend: '{{app}} publish',
              },
              {
                expr: `sum by (app, reason) (rate(${C.scrapeErrors.name}[$__rate_interval]))`,
                legend: '{{app}} scrape {{reason}}',
              },
            ],
          }),
        ],
      },
    ],
  };
}
