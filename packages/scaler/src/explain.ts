import type { Decision, MetricProposal } from './types.js';

/** The largest proposal of `region` (the first one on a tie). */
function winning(
  proposals: readonly MetricProposal[],
  region: string | undefined,
): MetricProposal | undefined {
  let best: MetricProposal | undefined;
  for (const p of proposals) {
    if (p.region !== region || p.proposed === undefined) continue;
    if (best === undefined || (best.proposed as number) < p.proposed) best = p;
  }
  return best;
}

/** The proposals' regions in order of first appearance (usually one: undefined). */
function regionsOf(proposals: readonly MetricProposal[]): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (const p of proposals) if (!out.includes(p.region)) out.push(p.region);
  return out;
}

/**
 * One line a person can read: the winning proposal's formula, then every
 * step that changed the count, then the result. E.g. `p99 412ms vs SLO 250ms
 * x 0.8 -> ratio 2.06 -> ceil(2.06 x 3) = 7; scale-up limited to +4 per 15s
 * from 3 -> 7 ... -> 3 -> 7 machines (scale_up)`.
 */
export function explain(decision: Decision): string {
  const parts: string[] = [];
  const sourceError = decision.inputs.observations.sourceError;
  if (sourceError !== undefined) parts.push(`metric source failed: ${sourceError}`);
  for (const region of regionsOf(decision.proposals)) {
    const w = winning(decision.proposals, region);
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
