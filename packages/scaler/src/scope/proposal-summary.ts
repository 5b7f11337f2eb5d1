import type { MetricProposal } from '../types.js';

/** What the rest of the scope decision reads of the targets' proposals. */
export interface ProposalSummary {
  /** Proposals with no usable value. */
  readonly invalid: number;
  /** Whether any target produced a proposal (false counts toward the fallback). */
  readonly usable: boolean;
  /** Largest raw target ratio of the usable proposals (burst and predictive capacity use it). */
  readonly maxRatio: number | undefined;
}

/** Counts the invalid proposals and finds the largest ratio, in one pass. */
export function summarizeProposals(proposals: readonly MetricProposal[]): ProposalSummary {
  let invalid = 0;
  let maxRatio: number | undefined;
  for (const p of proposals) {
    if (p.status !== 'ok') invalid++;
    else if (p.rawRatio !== undefined && (maxRatio === undefined || p.rawRatio > maxRatio))
      maxRatio = p.rawRatio;
  }
  return { invalid, usable: proposals.length > invalid, maxRatio };
}
