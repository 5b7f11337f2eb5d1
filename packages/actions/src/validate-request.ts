import { GovernorError } from '@governor/errors';
import type { ScaleRequest } from './scale-request.js';

/** Throws `GOV_ACTION_INVALID_REQUEST` naming the field when `request` is malformed. */
export function validateScaleRequest(request: ScaleRequest): void {
  const fail = (field: string, why: string): never => {
    throw new GovernorError('GOV_ACTION_INVALID_REQUEST', `scale request ${field} ${why}`, {
      details: { field, app: request.app },
    });
  };
  if (typeof request.app !== 'string' || request.app === '') fail('app', 'must be a non-empty string');
  if (typeof request.decisionId !== 'string' || request.decisionId === '') {
    fail('decisionId', 'must be a non-empty string');
  }
  if (request.warmPool !== undefined && (!Number.isInteger(request.warmPool) || request.warmPool < 0)) {
    fail('warmPool', `must be an integer >= 0, got ${request.warmPool}`);
  }
  if (request.park !== undefined && request.park !== 'stop' && request.park !== 'suspend') {
    fail('park', `must be "stop" or "suspend", got ${JSON.stringify(request.park)}`);
  }
  for (const [region, n] of Object.entries(request.desired)) {
    if (!Number.isInteger(n) || n < 0) fail(`desired.${region}`, `must be an integer >= 0, got ${n}`);
  }
}
