import type { AppConfig } from '@governor/config';
import { GovernorError } from '@governor/errors';
import type { History, Observations } from './types.js';

function bad(message: string, details: Record<string, unknown>): GovernorError {
  return new GovernorError('GOV_SCALER_INVALID_INPUT', message, { details });
}

/**
 * Cheap structural checks on what `decide` cannot work with (the policy is
 * validated by the config loader). Throws GOV_SCALER_INVALID_INPUT.
 */
export function validateInputs(policy: AppConfig, obs: Observations, history: History, now: number): void {
  if (!Number.isFinite(now)) throw bad(`now must be a finite number of ms, got ${String(now)}`, { now });
  if (obs === null || typeof obs !== 'object' || !Array.isArray(obs.machines)) {
    throw bad('observations.machines must be an array', { app: policy.name });
  }
  if (history === null || typeof history !== 'object' || history.version !== 1) {
    throw bad('history must be a version 1 history (use emptyHistory())', { app: policy.name });
  }
  if (
    !Array.isArray(history.recommendations) ||
    !Array.isArray(history.events) ||
    typeof history.failures !== 'number'
  ) {
    throw bad('history needs recommendations[], events[] and failures', { app: policy.name });
  }
  if (policy.min > policy.max)
    throw bad(`policy min ${policy.min} is above max ${policy.max}`, { app: policy.name });
}
