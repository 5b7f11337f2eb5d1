import { AUTOSCALER_METRICS } from '@governor/telemetry';
import { selector } from '../promql.js';
import type { AlertDefinition } from './alert-definition.js';
import type { AppAlertScope } from './app-scope.js';
import { buildRule, constant, growing, series } from './rule-builder.js';

const RECOMMENDED = AUTOSCALER_METRICS.recommended.name;
const MAX = AUTOSCALER_METRICS.maxMachines.name;
const ACTIONS = AUTOSCALER_METRICS.actions.name;
const DECISIONS = AUTOSCALER_METRICS.decisions.name;

/** Failed actions within 30 minutes that make {@link actionsFailing} fire. */
export const FAILED_ACTIONS_THRESHOLD = 3;
/** Scale-ups and scale-downs (each) within an hour that count as flapping. */
export const FLAP_THRESHOLD = 3;

/** The metrics ask for more machines than the (effective) maximum for 15 minutes. */
export function pinnedAtMax(scope: AppAlertScope): AlertDefinition {
  const app = scope.app.name;
  // max by (app): in cluster mode every replica may export the gauge.
  const rule = buildRule(scope, {
    name: 'GovernorAppPinnedAtMax',
    expr: `max by (app) (${selector(RECOMMENDED, { app })})\n> max by (app) (${selector(MAX, { app })})`,
    forMs: 900_000,
    summary: `${app}: pinned at its maximum machine count`,
    description:
      `The metrics of ${app} ask for {{ $value | printf "%.0f" }} machines, more than its effective maximum, ` +
      'for 15m: it cannot scale further. Raise max (or the scheduled max) or shed load.',
  });
  const labels = { app };
  return {
    rule,
    firing: {
      name: 'fires when 12 machines are recommended against a max of 10 for 15m',
      series: [series(RECOMMENDED, labels, constant(12, 30)), series(MAX, labels, constant(10, 30))],
      evalTime: '20m',
      expect: [{ labels, value: 12 }],
    },
    silent: {
      name: 'stays silent at exactly the maximum',
      series: [series(RECOMMENDED, labels, constant(10, 30)), series(MAX, labels, constant(10, 30))],
      evalTime: '20m',
      expect: [],
    },
  };
}

/** Provider actions keep failing (error or rejected): the fleet does not converge. */
export function actionsFailing(scope: AppAlertScope): AlertDefinition {
  const app = scope.app.name;
  const failed = selector(ACTIONS, { app, result: '=~error|rejected' });
  const rule = buildRule(scope, {
    name: 'GovernorAppScaleActionsFailing',
    expr: `sum by (app) (increase(${failed}[30m])) >= ${FAILED_ACTIONS_THRESHOLD}`,
    summary: `${app}: scale actions failing`,
    description:
      `At least ${FAILED_ACTIONS_THRESHOLD} provider actions for ${app} failed or were rejected in 30m: ` +
      'the fleet does not converge to the desired machine count. Check the provider API and the action log.',
  });
  const error = { app, action: 'create', result: 'error' };
  const ok = { app, action: 'create', result: 'ok' };
  return {
    rule,
    firing: {
      name: 'fires when create actions fail every minute',
      series: [series(ACTIONS, error, growing(1, 40)), series(ACTIONS, ok, constant(5, 40))],
      evalTime: '35m',
      expect: [{ labels: { app }, value: Number.NaN }],
    },
    silent: {
      name: 'stays silent when old failures stopped and actions succeed',
      series: [series(ACTIONS, error, constant(2, 40)), series(ACTIONS, ok, growing(1, 40))],
      evalTime: '35m',
      expect: [],
    },
  };
}

/** Both scale-ups and scale-downs keep happening within an hour: the policy flaps. */
export function decisionsFlapping(scope: AppAlertScope): AlertDefinition {
  const app = scope.app.name;
  const count = (outcome: string) =>
    `sum by (app) (increase(${selector(DECISIONS, { app, outcome })}[1h])) >= ${FLAP_THRESHOLD}`;
  const rule = buildRule(scope, {
    name: 'GovernorAppDecisionsFlapping',
    expr: `(${count('scale_up')})\nand on (app)\n(${count('scale_down')})`,
    summary: `${app}: scaling decisions flapping`,
    description:
      `${app} scaled up and down at least ${FLAP_THRESHOLD} times each within 1h. ` +
      'Widen the tolerance, lengthen the scale-down stabilization window or add a cooldown.',
  });
  const up = { app, outcome: 'scale_up' };
  const down = { app, outcome: 'scale_down' };
  return {
    rule,
    firing: {
      name: 'fires when scale-ups and scale-downs alternate every few minutes',
      series: [series(DECISIONS, up, growing(1, 80)), series(DECISIONS, down, growing(1, 80))],
      evalTime: '70m',
      expect: [{ labels: { app }, value: Number.NaN }],
    },
    silent: {
      name: 'stays silent when the app only scales up',
      series: [series(DECISIONS, up, growing(1, 80)), series(DECISIONS, down, constant(1, 80))],
      evalTime: '70m',
      expect: [],
    },
  };
}
