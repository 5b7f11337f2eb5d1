import type { Logger } from '@governor/telemetry';
import type { ScrapeOutcome } from './target-scraper.js';

/**
 * One log line per scrape worth telling: a failure (the first, then every
 * tenth in a row, so a target down for hours does not flood the log), the
 * recovery, and successful scrapes at debug level.
 */
export function logScrapeOutcome(log: Logger, outcome: ScrapeOutcome, failuresBefore: number): void {
  const base = { target: outcome.target, durationMs: Math.round(outcome.durationMs) };
  if (outcome.ok) {
    if (failuresBefore > 0) log.info({ ...base, failures: failuresBefore }, 'scrape target is back up');
    else log.debug({ ...base, series: outcome.series, sources: outcome.sample.sources }, 'scraped');
    return;
  }
  const fields = { ...base, reason: outcome.reason, code: outcome.error.code, err: outcome.error.message };
  // One line per failure would flood the log of a target down for hours: log the first and every tenth.
  if (failuresBefore === 0) log.warn(fields, `scrape failed (${outcome.reason})`);
  else if ((failuresBefore + 1) % 10 === 0) {
    log.warn({ ...fields, failures: failuresBefore + 1 }, `scrape still failing (${outcome.reason})`);
  }
}
