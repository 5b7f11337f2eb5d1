import { GovernorError } from '@governor/errors';

/** A `GOV_METRICS_HOST_STATS` error naming the file kind and what was wrong. */
export function hostStatsError(file: string, problem: string): GovernorError {
  return new GovernorError('GOV_METRICS_HOST_STATS', `${file}: ${problem}`, { details: { file } });
}

/** Parses a non-negative integer field, or throws a host stats error. */
export function parseCount(file: string, field: string, raw: string | undefined): number {
  const s = raw?.trim();
  if (s === undefined || !/^\d+$/.test(s))
    throw hostStatsError(file, `${field} is not a number: "${raw ?? ''}"`);
  return Number(s);
}

/** A `GOV_METRICS_HOST_STATS` error naming the file, the 1-based line and what was wrong. */
export function lineError(file: string, line: number, problem: string): GovernorError {
  return new GovernorError('GOV_METRICS_HOST_STATS', `${file} line ${line}: ${problem}`, {
    details: { file, line },
  });
}
