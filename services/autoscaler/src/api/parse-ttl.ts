import { GovernorError } from '@governor/errors';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Longest override: 7 days. */
export const MAX_OVERRIDE_MS = 7 * 24 * 3_600_000;

/**
 * The override lifetime in ms from `ttl` (`30s`, `15m`, `2h`) or `expiresIn`
 * (seconds); exactly one must be given, 1 ms .. 7 days.
 */
export function overrideTtlMs(body: { ttl?: string; expiresIn?: number }): number {
  const invalid = (field: string, message: string) =>
    new GovernorError('GOV_SERVICE_INVALID_REQUEST', message, { details: { field } });
  if (body.ttl !== undefined && body.expiresIn !== undefined) {
    throw invalid('ttl', 'body field ttl: give either ttl or expiresIn, not both');
  }
  let ms: number;
  if (body.ttl !== undefined) {
    const m = /^([0-9]+)(ms|s|m|h)$/.exec(body.ttl);
    if (!m?.[1] || !m[2]) throw invalid('ttl', 'body field ttl must look like 30s, 15m or 2h');
    ms = Number(m[1]) * (UNIT_MS[m[2]] ?? 1);
  } else if (body.expiresIn !== undefined) {
    ms = body.expiresIn * 1000;
  } else {
    throw invalid('ttl', 'body field ttl is required (or expiresIn in seconds): an override always expires');
  }
  if (ms <= 0 || ms > MAX_OVERRIDE_MS) {
    throw invalid(
      body.ttl !== undefined ? 'ttl' : 'expiresIn',
      'override lifetime must be between 1 ms and 7 days',
    );
  }
  return ms;
}
