import type { ActionResult } from '@governor/actions';
import type { AppMode } from '@governor/config';
import type { Decision } from '@governor/scaler';

/** How the daemon acted on a decision. */
export type Disposition =
  /** Handed to the action queue. */
  | 'enqueued'
  /** Shadow mode: decided and recorded, never acted on. */
  | 'shadow'
  /** Paused (by config or API): recorded, not acted on. */
  | 'paused'
  /** A manual override replaced the decided count. */
  | 'override'
  /** Deciding failed; nothing was enqueued. */
  | 'error';

/** The action outcome attached to a record once the queue reports it. */
export interface RecordedAction {
  readonly result: ActionResult['result'];
  readonly steps: ActionResult['steps'];
  readonly error?: ActionResult['error'];
  readonly finishedAt: number;
}

/**
 * One tick's decision for one app, as the daemon records it. `decision`
 * keeps the scaler's explainable {@link Decision} (its `inputs` included, so
 * it can be replayed); the API omits `inputs` unless asked.
 */
export interface DecisionRecord {
  /** Unique id; every scale action carries it (`decisionId`). */
  readonly id: string;
  readonly app: string;
  /** ms since epoch. */
  readonly at: number;
  /** The app's effective mode at this tick. */
  readonly mode: AppMode;
  readonly disposition: Disposition;
  /** Running machines observed. */
  readonly current: number;
  /** What the scaler asked for (undefined when deciding failed). */
  readonly decided?: number;
  /** Machines per region handed to the queue (or that would have been, in shadow/paused). */
  readonly target?: Readonly<Record<string, number>>;
  /** One line a person can read: current vs desired, and why. */
  readonly explanation: string;
  /** The outcome used for `governor_decisions_total` (`error` when deciding failed). */
  readonly outcome: string;
  readonly decision?: Decision;
  /** Error code and message when deciding failed. */
  readonly error?: { readonly code: string; readonly message: string };
  /** Set when the action queue reports the action for this record. */
  action?: RecordedAction;
}

/** The record without the scaler's replay inputs and next history (for API listings). */
export function publicRecord(record: DecisionRecord, full = false): Record<string, unknown> {
  if (full || !record.decision) return { ...record };
  const { inputs: _inputs, history: _history, ...decision } = record.decision;
  return { ...record, decision };
}
