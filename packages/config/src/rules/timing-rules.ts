import type { ParseContext } from '../schema/parse-context.js';
import { type RootValues, valid, validApps } from './rule-input.js';

/** scrapeTimeout < scrapeInterval (collector and per-app); cluster mode has a Redis URL. */
export function checkTimingAndMode(values: RootValues, ctx: ParseContext): void {
  const collector = valid(values.collector);
  if (collector !== undefined && collector.scrapeTimeout >= collector.scrapeInterval) {
    ctx.reportAt(
      'GOV_CONFIG_RANGE',
      ['collector', 'scrapeTimeout'],
      `the scrape timeout (${String(collector.scrapeTimeout)}ms) must be shorter than the scrape interval (${String(collector.scrapeInterval)}ms)`,
    );
  }
  if (collector !== undefined) {
    for (const { app, index } of validApps(values, ['scrape'])) {
      const scrape = app.scrape;
      if (scrape === undefined || (scrape.interval === undefined && scrape.timeout === undefined)) continue;
      const interval = scrape.interval ?? collector.scrapeInterval;
      const timeout = scrape.timeout ?? collector.scrapeTimeout;
      if (timeout >= interval) {
        const field = scrape.timeout === undefined ? 'interval' : 'timeout';
        ctx.reportAt(
          'GOV_CONFIG_RANGE',
          ['apps', index, 'scrape', field],
          `the scrape timeout (${timeout}ms) must be shorter than the scrape interval (${interval}ms)`,
        );
      }
    }
  }
  const daemon = valid(values.daemon);
  if (daemon?.mode === 'cluster' && daemon.redisUrl === undefined) {
    ctx.reportAt(
      'GOV_CONFIG_MISSING_KEY',
      ['daemon', 'redisUrl'],
      'cluster mode needs "redisUrl" (e.g. ${REDIS_URL})',
    );
  }
}
