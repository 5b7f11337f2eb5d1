import { AUTOSCALER_METRICS, COLLECTOR_METRICS } from '@governor/telemetry';
import { selector } from '../promql.js';
import type { AlertDefinition } from './alert-definition.js';
import type { AppAlertScope } from './app-scope.js';
import { buildRule, constant, series } from './rule-builder.js';

const INSTANCE_MEMORY = COLLECTOR_METRICS.instanceMemory.name;
const APP_CPU = AUTOSCALER_METRICS.appCpu.name;

/** Memory threshold of {@link memoryHigh}: working set / limit. */
export const MEMORY_HIGH_RATIO = 0.9;
/** CPU threshold of {@link cpuSaturated}: mean utilisation across ready machines. */
export const CPU_SATURATED_RATIO = 0.9;

/** One instance above 90% of its memory limit for 5 minutes (OOM kill ahead). */
export function memoryHigh(scope: AppAlertScope): AlertDefinition {
  const app = scope.app.name;
  const rule = buildRule(scope, {
    name: 'GovernorInstanceMemoryHigh',
    expr: `${selector(INSTANCE_MEMORY, { app })} > ${MEMORY_HIGH_RATIO}`,
    forMs: 300_000,
    summary: `${app}: instance memory above 90% of its limit`,
    description:
      'Instance {{ $labels.instance }} of ' +
      app +
      ' ({{ $labels.region }}) uses {{ $value | humanizePercentage }} of its memory limit: it may be OOM-killed.',
  });
  const hot = { app, instance: `${app}-1`, region: 'r1' };
  const cool = { app, instance: `${app}-2`, region: 'r1' };
  return {
    rule,
    firing: {
      name: 'fires for the one instance above 90% for 5m, not for its healthy sibling',
      series: [
        series(INSTANCE_MEMORY, hot, constant(0.95, 20)),
        series(INSTANCE_MEMORY, cool, constant(0.5, 20)),
      ],
      evalTime: '10m',
      expect: [{ labels: hot, value: 0.95 }],
    },
    silent: {
      name: 'stays silent at 85%',
      series: [series(INSTANCE_MEMORY, hot, constant(0.85, 20))],
      evalTime: '10m',
      expect: [],
    },
  };
}

/**
 * Mean CPU above 90% for 10 minutes: the fleet is saturated although the
 * autoscaler should have added machines (at max, failing, or paused).
 */
export function cpuSaturated(scope: AppAlertScope): AlertDefinition {
  const app = scope.app.name;
  const rule = buildRule(scope, {
    name: 'GovernorAppCpuSaturated',
    expr: `max by (app) (${selector(APP_CPU, { app })}) > ${CPU_SATURATED_RATIO}`,
    forMs: 600_000,
    summary: `${app}: CPU saturated`,
    description:
      `The machines of ${app} use {{ $value | humanizePercentage }} of their CPU on average for 10m; ` +
      'check whether the fleet is at its maximum, scale actions fail, or the app is paused.',
  });
  const labels = { app };
  return {
    rule,
    firing: {
      name: 'fires when mean CPU stays at 97% for 10m',
      series: [series(APP_CPU, labels, constant(0.97, 20))],
      evalTime: '15m',
      expect: [{ labels, value: 0.97 }],
    },
    silent: {
      name: 'stays silent at 80%',
      series: [series(APP_CPU, labels, constant(0.8, 20))],
      evalTime: '15m',
      expect: [],
    },
  };
}
