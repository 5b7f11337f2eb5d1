import { isGovernorError } from '@governor/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './send-error.js';

interface ValidationItem {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The field a schema validation error is about, as a dotted path (`machines`, `ttl`). */
function fieldOf(item: ValidationItem): string | undefined {
  const missing = item.params?.missingProperty;
  const extra = item.params?.additionalProperty;
  const base = (item.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const leaf = typeof missing === 'string' ? missing : typeof extra === 'string' ? extra : undefined;
  if (leaf) return base ? `${base}.${leaf}` : leaf;
  return base || undefined;
}

/**
 * Maps errors to the API error body: schema validation -> 400 naming the
 * field; `GovernorError`s by code; anything else -> 500 without internals.
 */
export function apiErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error.validation) {
    const item = (error.validation[0] ?? {}) as ValidationItem;
    const field = fieldOf(item);
    const where = error.validationContext ?? 'request';
    let why = item.message ?? 'is invalid';
    if (item.keyword === 'additionalProperties') why = 'is not a known field';
    if (item.keyword === 'required') why = 'is required';
    return sendError(
      reply,
      400,
      'GOV_SERVICE_INVALID_REQUEST',
      `${where} field ${field ?? '(root)'} ${why}`,
      field,
    );
  }
  if (isGovernorError(error)) {
    const status =
      error.code === 'GOV_SERVICE_UNKNOWN_APP'
        ? 404
        : error.code === 'GOV_SERVICE_INVALID_REQUEST' || error.code === 'GOV_SERVICE_OVERRIDE_OUT_OF_BOUNDS'
          ? 400
          : 500;
    const field = typeof error.details.field === 'string' ? error.details.field : undefined;
    return sendError(reply, status, error.code, error.message, field);
  }
  if (error.statusCode && error.statusCode < 500) {
    return sendError(reply, error.statusCode, 'GOV_SERVICE_INVALID_REQUEST', error.message);
  }
  request.log.error({ err: error }, 'API handler failed');
  return sendError(reply, 500, 'GOV_SERVICE_UNKNOWN', 'internal error');
}
