import type { Decision, MetricProposal } from './types.js';

function winning(proposals: readonly MetricProposal[]): MetricProposal | undefined {
  let best: MetricProposal | undefined;
  for (const p of proposals) {
    if (p.proposed === undefined) continue;
    if (best === undefined || (best.proposed as number) < p.proposed) best = p;
  }
  return best;
}

/**
 * One line a person can read: the winning proposal's formula, then every
 * step that changed the count, then the result. E.g. `p99 412ms vs SLO 250ms
 * x 0.8 -> ratio 2.06 -> ceil(2.06 x 3) = 7; scale-up limited to +4 per 15s
 * from 3 -> 7 ... -> 3 -> 7 machines (scale_up)`.
 */
export function explain(decision: Decision): string {
  const parts: string[] = [];
  const regions = new Set(decision.proposals.map((p) => p.region));
  for (const region of regions) {
    const w = winning(decision.proposals.filter((p) => p.region === region));
    if (w !== undefined) parts.push(region === undefined ? w.formula : `[${region}] ${w.formula}`);
  }
  for (const s of decision.steps) {
    const telling = s.reason === 'NoUsableMetrics' || s.reason === 'BurstEntered' || s.stage === 'schedule';
    if (s.before === s.after && !telling) continue;
    parts.push(s.region === undefined ? s.message : `[${s.region}] ${s.message}`);
  }
  const change = decision.current === decision.desired ? 'no change' : decision.outcome;
  parts.push(`${decision.app}: ${decision.current} -> ${decision.desired} machines (${change})`);
  return parts.join('; ');
}
