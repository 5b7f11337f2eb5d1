import { GovernorError } from '@governor/errors';
import type { Redis } from 'ioredis';

/** Statuses in which a command cannot succeed soon: fail fast instead of queueing. */
const DOWN = new Set(['reconnecting', 'close', 'end']);

/**
 * Throws `GOV_BUS_UNAVAILABLE` at once when the connection is known to be
 * down, so callers see the outage instead of waiting for a command timeout.
 */
export function assertConnected(redis: Redis, where: string): void {
  if (DOWN.has(redis.status)) {
    throw new GovernorError('GOV_BUS_UNAVAILABLE', `Redis at ${where} is not connected (${redis.status})`, {
      details: { status: redis.status },
    });
  }
}

/** Wraps an ioredis failure in a `GovernorError` naming the operation. */
export function wrapRedisError(err: unknown, op: string, where: string): GovernorError {
  if (err instanceof GovernorError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const reply = err instanceof Error && err.name === 'ReplyError';
  return new GovernorError(
    reply ? 'GOV_BUS_UNKNOWN' : 'GOV_BUS_UNAVAILABLE',
    `Redis ${op} at ${where} failed: ${message}`,
    { cause: err },
  );
}
