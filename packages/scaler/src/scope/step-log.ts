import type { DecisionStep, StepReason } from '../types.js';

/**
 * A step as a stage of the scope decision reports it: the count `before`
 * and `after` the stage, and why. The scope's log tags it with the region.
 */
export type StepNote = Omit<DecisionStep, 'region'>;

/** A {@link StepNote}; `numbers` only when given (the decision's JSON has no empty keys). */
export function note(
  stage: string,
  reason: StepReason,
  before: number,
  after: number,
  message: string,
  numbers?: Record<string, number>,
): StepNote {
  const n: StepNote = { stage, reason, before, after, message };
  if (numbers !== undefined) n.numbers = numbers;
  return n;
}

/** The steps of one scope, each tagged with the scope's region when there is one. */
export class StepLog {
  readonly steps: DecisionStep[] = [];

  constructor(private readonly region: string | undefined) {}

  /** Records `n` (a note made for this log: without a region it is kept as is). */
  add(n: StepNote): void {
    if (this.region === undefined) {
      this.steps.push(n);
      return;
    }
    const s: DecisionStep = {
      stage: n.stage,
      reason: n.reason,
      before: n.before,
      after: n.after,
      message: n.message,
      region: this.region,
    };
    if (n.numbers !== undefined) s.numbers = n.numbers;
    this.steps.push(s);
  }

  /** Records `n` when a stage reported one and returns the count after it; `desired` otherwise. */
  apply(n: StepNote | undefined, desired: number): number {
    if (n === undefined) return desired;
    this.add(n);
    return n.after;
  }
}
