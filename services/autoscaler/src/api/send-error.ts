import type { FastifyReply } from 'fastify';

/** The JSON body of every API error. */
export interface ApiErrorBody {
  /** Stable error code (docs/errors.md). */
  readonly error: string;
  readonly message: string;
  /** The offending field, for validation errors (e.g. `machines`, `since`). */
  readonly field?: string;
}

/** Sends an {@link ApiErrorBody} with `status`. */
export function sendError(
  reply: FastifyReply,
  status: number,
  error: string,
  message: string,
  field?: string,
): FastifyReply {
  const body: ApiErrorBody = { error, message, ...(field ? { field } : {}) };
  return reply.code(status).send(body);
}
