import { AUTOSCALER_METRICS, COLLECTOR_METRICS } from '@governor/telemetry';
import { percentileLabel, selector } from '../promql.js';
import type { DashboardSpec } from './dashboard-spec.js';
import { decisionAnnotation } from './decision-annotation.js';
import { StatPanel, TimeseriesPanel } from './panels.js';

const M = AUTOSCALER_METRICS;
const C = COLLECTOR_METRICS;
const APP = { app: '$app' };

const latency = (q: 'p50' | 'p90' | 'p99') =>
  `max(${selector(M.appLatency.name, { ...APP, percentile: percentileLabel(q) })})`;

const rate = (name: string) => `sum by (instance) (rate(${selector(name, APP)}[$__rate_interval]))`;

/**
 * App detail, one app at a time (`$app`): fleet P50/P90/P99 against the SLO,
 * requests and errors, CPU and memory per instance, network, disk and open
 * connections per instance, collection health.
 */
export function appDetail(): DashboardSpec {
  return {
    uid: 'governor-app-detail',
    title: 'Governor / App detail',
    description: 'Latency quantiles against the SLO, traffic, errors and resources of one app',
    tags: ['governor', 'generated'],
    variables: [{ name: 'app', label: 'App', metric: M.appLatency.name }],
    annotations: [decisionAnnotation('$app')],
    rows: [
      {
        title: 'Latency',
        panels: [
          new TimeseriesPanel({
            title: 'Latency P50 / P90 / P99 vs SLO',
            description:
              'Fleet quantiles merged across instances by the autoscaler (not averages of instances).',
            width: 18,
            unit: 's',
            min: 0,
            queries: [
              { expr: latency('p50'), legend: 'P50' },
              { expr: latency('p90'), legend: 'P90' },
              { expr: latency('p99'), legend: 'P99' },
              {
                expr: `max by (percentile) (${selector(M.appSlo.name, APP)})`,
                legend: 'SLO ({{percentile}})',
              },
            ],
          }),
          new StatPanel({
            title: 'P99 now',
            width: 6,
            height: 8,
            unit: 's',
            queries: [{ expr: latency('p99') }],
          }),
        ],
      },
      {
        title: 'Traffic',
        panels: [
          new TimeseriesPanel({
            title: 'Requests per second',
            unit: 'reqps',
            min: 0,
            queries: [
              {
                expr: `sum(rate(${selector(C.instanceRequests.name, APP)}[$__rate_interval]))`,
                legend: 'requests/s',
              },
            ],
          }),
          new TimeseriesPanel({
            title: 'Error ratio (5xx)',
            unit: 'percentunit',
            min: 0,
            queries: [
              { expr: `max(${selector(M.appErrorRatio.name, APP)})`, legend: 'app' },
              {
                expr: `max by (instance) (${selector(C.instanceErrorRatio.name, APP)})`,
                legend: '{{instance}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Resources per instance',
        panels: [
          new TimeseriesPanel({
            title: 'CPU utilisation',
            unit: 'percentunit',
            min: 0,
            queries: [
              { expr: `max by (instance) (${selector(C.instanceCpu.name, APP)})`, legend: '{{instance}}' },
              { expr: `max(${selector(M.appCpu.name, APP)})`, legend: 'mean' },
            ],
          }),
          new TimeseriesPanel({
            title: 'Memory utilisation (working set / limit)',
            unit: 'percentunit',
            min: 0,
            redFrom: 0.9,
            queries: [
              { expr: `max by (instance) (${selector(C.instanceMemory.name, APP)})`, legend: '{{instance}}' },
            ],
          }),
          new TimeseriesPanel({
            title: 'Memory working set',
            unit: 'bytes',
            min: 0,
            queries: [
              {
                expr: `max by (instance) (${selector(C.instanceMemoryBytes.name, APP)})`,
                legend: '{{instance}}',
              },
            ],
          }),
          new TimeseriesPanel({
            title: 'Latency P99 per instance',
            unit: 's',
            min: 0,
            queries: [
              {
                expr: `max by (instance) (${selector(C.instanceLatency.name, { ...APP, percentile: percentileLabel('p99') })})`,
                legend: '{{instance}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Network, disk and connections per instance',
        panels: [
          new TimeseriesPanel({
            title: 'Network I/O (received, sent)',
            description: "Bytes per second through the instance's network namespace, loopback excluded.",
            width: 8,
            unit: 'Bps',
            min: 0,
            queries: [
              { expr: rate(C.instanceNetworkReceive.name), legend: '{{instance}} received' },
              { expr: rate(C.instanceNetworkTransmit.name), legend: '{{instance}} sent' },
            ],
          }),
          new TimeseriesPanel({
            title: 'Disk I/O (read, written)',
            description:
              'Bytes per second to and from block devices (cgroup io.stat or blkio, else /proc/<pid>/io).',
            width: 8,
            unit: 'Bps',
            min: 0,
            queries: [
              { expr: rate(C.instanceDiskRead.name), legend: '{{instance}} read' },
              { expr: rate(C.instanceDiskWritten.name), legend: '{{instance}} written' },
            ],
          }),
          new TimeseriesPanel({
            title: 'Open connections',
            description: "Established TCP connections held by the instance's processes.",
            width: 8,
            min: 0,
            queries: [
              {
                expr: `max by (instance) (${selector(C.instanceConnections.name, APP)})`,
                legend: '{{instance}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Collection',
        panels: [
          new TimeseriesPanel({
            title: 'Instances reporting vs machines started',
            min: 0,
            queries: [
              { expr: `max(${selector(M.appInstancesReporting.name, APP)})`, legend: 'reporting' },
              {
                expr: `sum(max by (region) (${selector(M.machines.name, { ...APP, state: 'started' })}))`,
                legend: 'started',
              },
            ],
          }),
          new TimeseriesPanel({
            title: 'Scrape targets up',
            min: 0,
            max: 1,
            queries: [{ expr: selector(C.scrapeUp.name, APP), legend: '{{instance}} {{target}}' }],
          }),
        ],
      },
    ],
  };
}
