import type { CollectorConfig } from '@governor/config';

/**
 * Collector settings when no policy file gives them: the defaults documented
 * in CollectorConfig (packages/config/src/types.ts).
 */
export const DEFAULT_COLLECTOR_SETTINGS: CollectorConfig = Object.freeze({
  scrapeInterval: 5000,
  scrapeTimeout: 2000,
  window: 15_000,
  jitter: 0.1,
  maxBodyBytes: 10 * 1024 * 1024,
  maxSeries: 50_000,
  staleAfter: 45_000,
  heartbeatTtl: 30_000,
});
