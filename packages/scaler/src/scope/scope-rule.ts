import type { StepNote } from './step-log.js';

/**
 * A rule that decides the scope's count by itself, before any metric: scale
 * from or to zero, a count outside [min, max], the fallback.
 */
export interface ScopeRule {
  /** The rule's step; its `after` is the count the rule asks for. */
  readonly note: StepNote;
  /**
   * When set, the rate policies and the bounds [rateMin, max] still apply to
   * the rule's count (a step `rate` follows); otherwise the count is final.
   */
  readonly rateMin?: number;
  /** The rule is the fallback (the decision's outcome says so). */
  readonly fallback?: boolean;
}
