import type { ActionResult } from '@governor/actions';
import type { Logger } from '@governor/telemetry';
import type { DecisionRecord } from './decision-record.js';

/** The one log line per decision: its explanation reads "reasons; app: current -> desired (outcome)". */
export function logDecision(logger: Logger, record: DecisionRecord): void {
  const fields = {
    app: record.app,
    decisionId: record.id,
    mode: record.mode,
    disposition: record.disposition,
    outcome: record.outcome,
    current: record.current,
    desired: record.target,
  };
  if (record.error) logger.warn({ ...fields, error: record.error }, record.explanation);
  else logger.info(fields, record.explanation);
}

/** A log line per action that did something or failed (no-op reconciliations stay quiet). */
export function logAction(logger: Logger, result: ActionResult): void {
  const fields = {
    app: result.app,
    decisionId: result.decisionId,
    result: result.result,
    steps: result.steps,
  };
  if (result.result === 'error' || result.result === 'rejected') {
    logger.warn({ ...fields, error: result.error }, `scale action ${result.result} for ${result.app}`);
  } else if (result.steps.length > 0) {
    logger.info(fields, `scale action ${result.result} for ${result.app}`);
  }
}
