import type { AppConfig, Behavior } from '@governor/config';
import { type MachineModel, machineCapacity } from '../model/machine-model.js';

/** Names of the baselines a simulation can score next to the policy. */
export type BaselineName = 'hpa-default' | 'fly-autoscaler' | 'oracle' | 'hpa-frontier' | 'reactive-ideal';

/** The baselines scored by default, in scorecard order. */
export const BASELINES: readonly BaselineName[] = ['hpa-default', 'fly-autoscaler', 'oracle'];

/**
 * Every baseline name, the opt-in ones included: `hpa-frontier` (hpa-default
 * at {@link HPA_FRONTIER_TARGETS}) and `reactive-ideal` (the ideal fleet
 * one tick late, at several scale-down holds).
 */
export const ALL_BASELINES: readonly BaselineName[] = [...BASELINES, 'hpa-frontier', 'reactive-ideal'];

/** hpa-default's own CPU target. */
export const HPA_DEFAULT_CPU_TARGET = 0.7;

/** CPU targets of the `hpa-frontier` baseline: 40%, 45%, ..., 90%. */
export const HPA_FRONTIER_TARGETS: readonly number[] = Array.from(
  { length: 11 },
  (_, i) => (40 + 5 * i) / 100,
);

const SECOND = 1000;

/**
 * Kubernetes HPA (autoscaling/v2) default behaviour: CPU target 70% (or `cpuTarget`),
 * tolerance 0.1, scale up by max(100%, 4 pods) per 15 s with no
 * stabilization, scale down by 100% per 15 s after a 300 s stabilization
 * window. Same bounds as the app; no warm pool, burst, steps, schedules or
 * prediction. Fed to the same `decide` as the policy.
 */
export function hpaDefaultPolicy(app: AppConfig, cpuTarget = HPA_DEFAULT_CPU_TARGET): AppConfig {
  const behavior: Behavior = {
    scaleUp: {
      stabilizationWindow: 0,
      select: 'max',
      tolerance: 0.1,
      policies: [
        { type: 'percent', value: 1, period: 15 * SECOND },
        { type: 'machines', value: 4, period: 15 * SECOND },
      ],
    },
    scaleDown: {
      stabilizationWindow: 300 * SECOND,
      select: 'max',
      tolerance: 0.1,
      policies: [{ type: 'percent', value: 1, period: 15 * SECOND }],
    },
  };
  return strip(app, 'hpa-default', [{ type: 'cpu', utilization: cpuTarget }], behavior, 0, true);
}

/**
 * fly-autoscaler style: every tick, started machines = ceil(load / per-machine
 * target), at once in both directions (no stabilization, tolerance or rate
 * limits), starting and stopping pre-created machines (a warm pool as large
 * as the app's max). The per-machine target is 70% of a machine's capacity,
 * the same utilisation as `hpa-default`, so the two differ only in behaviour.
 */
export function flyAutoscalerPolicy(app: AppConfig, model: MachineModel): AppConfig {
  const unlimited = { type: 'percent' as const, value: 100, period: SECOND };
  const behavior: Behavior = {
    scaleUp: { stabilizationWindow: 0, select: 'max', tolerance: 0, policies: [unlimited] },
    scaleDown: { stabilizationWindow: 0, select: 'max', tolerance: 0, policies: [unlimited] },
  };
  const perMachine = 0.7 * machineCapacity(model);
  return strip(app, 'fly-autoscaler', [{ type: 'rps', perMachine }], behavior, app.max, false);
}

function strip(
  app: AppConfig,
  name: string,
  targets: AppConfig['targets'],
  behavior: Behavior,
  warmPool: number,
  hpaCompatible: boolean,
): AppConfig {
  const { burst: _b, fallback: _f, scaleToZero: _z, predictive: _p, ...rest } = app;
  return {
    ...rest,
    name: app.name,
    mode: 'active',
    min: Math.max(1, app.min),
    targets,
    behavior,
    cooldown: { up: 0, down: 0 },
    steps: [],
    schedules: [],
    warmPool,
    hpaCompatible,
    alerts: { ...app.alerts, labels: { ...app.alerts.labels, baseline: name } },
  };
}
