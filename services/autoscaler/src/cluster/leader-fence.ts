import type { FenceCheck, ScaleRequest } from '@governor/actions';
import type { FenceGuard, LeaderLease } from '@governor/bus';

/**
 * The worker's fence: a request may act only when it carries the token of the
 * lease in force right now (so a request from a deposed leader, or one left
 * behind when no replica leads, is refused: the token must be the current
 * one, not merely not older) and the token is at least the
 * highest one admitted for its app so far (atomic, in Redis).
 *
 * @param lease any replica's lease handle (only `current()` is used), or the
 *   lease of an app's shard (sharded cluster mode: each shard is fenced alone).
 */
export function leaderFence(
  lease: LeaderLease | ((app: string) => LeaderLease),
  guard: FenceGuard,
): FenceCheck {
  const leaseOf = typeof lease === 'function' ? lease : () => lease;
  return async (request: ScaleRequest) => {
    const token = request.fencingToken;
    if (token === undefined) return false;
    const current = await leaseOf(request.app).current();
    if (current.token === undefined || token !== current.token) return false;
    return guard.admit(request.app, token);
  };
}
