import type { MetricProposal } from '../types.js';
import { note, type StepNote } from './step-log.js';

/** The scope keeps its count without following the metrics, with the step that says why (none without targets). */
export interface KeepCurrent {
  readonly keep: StepNote | undefined;
}

const SILENT: KeepCurrent = Object.freeze({ keep: undefined });

/**
 * HPA's max across metrics: the largest count any proposal (target or step
 * rule) asks for. The scope keeps `current` instead when no proposal asks
 * for a count (`NoUsableMetrics`, silent when the policy has no targets), or
 * when the largest one is a scale-down while any metric is invalid
 * (`InvalidMetricNoScaleDown`, as HPA).
 */
export function metricDesired(
  proposals: readonly MetricProposal[],
  invalid: number,
  current: number,
  hasTargets: boolean,
): number | KeepCurrent {
  let desired: number | undefined;
  for (const p of proposals) {
    if (p.proposed !== undefined && (desired === undefined || p.proposed > desired)) desired = p.proposed;
  }
  if (desired === undefined) {
    if (!hasTargets) return SILENT;
    return { keep: note('metrics', 'NoUsableMetrics', current, current, 'no usable metric -> keep current') };
  }
  if (invalid > 0 && desired < current) {
    return {
      keep: note(
        'metrics',
        'InvalidMetricNoScaleDown',
        desired,
        current,
        `${invalidNames(proposals)} invalid -> no scale-down, keep ${current}`,
      ),
    };
  }
  return desired;
}

function invalidNames(proposals: readonly MetricProposal[]): string {
  const names: string[] = [];
  for (const p of proposals) if (p.status !== 'ok') names.push(p.metric);
  return names.join(', ');
}
