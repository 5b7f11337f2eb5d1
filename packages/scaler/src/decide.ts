import type { AppConfig } from '@governor/config';
import { GovernorError } from '@governor/errors';
import type { Decision, History, Observations } from './types.js';

/**
 * Decides how many machines `policy`'s app should run, from this tick's
 * observations and the stored history, at time `now` (ms since epoch). Pure:
 * no I/O, no clock; the same inputs always give the same decision.
 */
export function decide(
  policy: AppConfig,
  observations: Observations,
  history: History,
  now: number,
): Decision {
  throw new GovernorError('GOV_SCALER_UNKNOWN', 'decide is being implemented', {
    details: { app: policy.name, observed: observations.machines.length, failures: history.failures, now },
  });
}
