import type { StepRule } from '@governor/config';
import { roundText } from '../numbers.js';
import type { MachineObservation, MetricProposal } from '../types.js';
import { fleetValue } from './fleet-value.js';

/** A stable key of a step rule in `History.stepSince`. */
export function stepKey(rule: StepRule, index: number): string {
  const cond = `${rule.above === undefined ? '' : `>${rule.above}`}${rule.below === undefined ? '' : `<${rule.below}`}`;
  return `${index}:${rule.metric}${rule.name === undefined ? '' : `:${rule.name}`}${cond}:${rule.change}`;
}

/** The result of {@link evaluateSteps}. */
export interface StepEvaluation {
  readonly proposals: MetricProposal[];
  readonly stepSince: Record<string, number>;
}

/**
 * Threshold step rules: a rule's condition (value above `above` and/or below
 * `below`) must hold continuously for `for` ms (tracked in `stepSince`);
 * then it proposes current + change and re-arms (the condition must hold for
 * another `for` before it fires again). A rule whose metric is not reported
 * does not hold.
 */
export function evaluateSteps(
  rules: readonly StepRule[],
  machines: readonly MachineObservation[],
  current: number,
  since: Readonly<Record<string, number>> | undefined,
  now: number,
  region?: string,
): StepEvaluation {
  const proposals: MetricProposal[] = [];
  const stepSince: Record<string, number> = {};
  rules.forEach((rule, i) => {
    const key = stepKey(rule, i);
    const value = fleetValue(rule, machines);
    const holds =
      value !== undefined &&
      (rule.above === undefined || value > rule.above) &&
      (rule.below === undefined || value < rule.below);
    if (!holds) return;
    const start = since?.[key] ?? now;
    const held = now - start;
    const cond = `${rule.metric}${rule.name === undefined ? '' : `:${rule.name}`} ${roundText(value)}${rule.above === undefined ? '' : ` > ${rule.above}`}${rule.below === undefined ? '' : ` < ${rule.below}`}`;
    if (held >= rule.for) {
      stepSince[key] = now;
      const proposed = Math.max(0, current + rule.change);
      proposals.push({
        metric: `step:${key}`,
        ...(region === undefined ? {} : { region }),
        status: 'ok',
        current: value,
        ...(rule.above === undefined ? {} : { target: rule.above }),
        readyCount: machines.length,
        missingCount: 0,
        unreadyCount: 0,
        proposed,
        formula: `${cond} for ${Math.round(held / 1000)}s (>= ${Math.round(rule.for / 1000)}s) -> ${current} ${rule.change >= 0 ? '+' : '-'} ${Math.abs(rule.change)} = ${proposed}`,
      });
    } else {
      stepSince[key] = start;
    }
  });
  return { proposals, stepSince };
}
