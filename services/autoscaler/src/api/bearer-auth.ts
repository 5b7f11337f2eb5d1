import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './send-error.js';

/** Reads the configured API token at call time; undefined when none is configured or set. */
export type TokenSource = () => string | undefined;

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time comparison (hashing first, so lengths never leak through timing). */
export function tokensMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * An `onRequest` hook for mutating routes: 403 when no token is configured
 * (mutations are refused, never open), 401 for a missing or wrong bearer
 * token. Runs before the body is parsed or validated.
 */
export function requireBearer(token: TokenSource) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const expected = token();
    if (expected === undefined || expected === '') {
      return sendError(
        reply,
        403,
        'GOV_SERVICE_MUTATIONS_DISABLED',
        'mutations are disabled: no API token is configured. Set daemon.apiToken to an environment ' +
          'variable reference (e.g. apiToken: ${GOVERNOR_API_TOKEN}) and export that variable.',
      );
    }
    const header = request.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m?.[1]) {
      reply.header('www-authenticate', 'Bearer');
      return sendError(
        reply,
        401,
        'GOV_SERVICE_UNAUTHORIZED',
        'missing bearer token: send Authorization: Bearer <token>',
      );
    }
    if (!tokensMatch(m[1], expected)) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      return sendError(reply, 401, 'GOV_SERVICE_UNAUTHORIZED', 'wrong bearer token');
    }
  };
}
