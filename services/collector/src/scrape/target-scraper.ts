import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AppMetricNames } from '@governor/config';
import { describeError, GovernorError, isGovernorError } from '@governor/errors';
import { formatFromContentType, parseExposition } from '@governor/metrics';
import { type BackoffPolicy, backoffCeiling } from '@governor/runtime';
import { type AppSample, extractAppSample } from '../summary/app-sample.js';
import { wantedFamilies } from '../summary/metric-names.js';
import { countSamples } from './count-samples.js';
import { fetchMetrics } from './fetch-metrics.js';

/** Why a scrape failed, as the `reason` label of `governor_scrape_errors_total`. */
export type ScrapeFailureReason = 'down' | 'timeout' | 'parse' | 'oversize' | 'too_many_series';

/** The result of one scrape; a scrape never throws. */
export type ScrapeOutcome =
  | {
      readonly ok: true;
      readonly target: string;
      readonly sample: AppSample;
      /** Monotonic time of the scrape, ms. */
      readonly atMs: number;
      readonly durationMs: number;
      readonly series: number;
    }
  | {
      readonly ok: false;
      readonly target: string;
      readonly reason: ScrapeFailureReason;
      readonly error: GovernorError;
      readonly atMs: number;
      readonly durationMs: number;
    };

/** Options for {@link TargetScraper}. */
export interface TargetScraperOptions {
  url: string;
  names: AppMetricNames;
  timeoutMs: number;
  maxBodyBytes: number;
  maxSeries: number;
  /** Normal delay between scrapes, ms. */
  intervalMs: number;
  /** Random extra delay as a fraction of the interval (0.1 = up to 10%). */
  jitter: number;
  /** Largest delay while the target is down, ms. Default 8 x interval, at most 60 s. */
  maxBackoffMs?: number;
  /** Monotonic clock, ms. */
  clock: () => number;
  /** Random numbers in [0, 1) for jitter. Default Math.random. */
  random?: () => number;
}

function reasonOf(err: unknown): ScrapeFailureReason {
  if (isGovernorError(err, 'GOV_COLLECTOR_SCRAPE_TIMEOUT')) return 'timeout';
  if (isGovernorError(err, 'GOV_COLLECTOR_SCRAPE_OVERSIZE')) return 'oversize';
  if (isGovernorError(err, 'GOV_COLLECTOR_SCRAPE_TOO_MANY_SERIES')) return 'too_many_series';
  if (isGovernorError(err, 'GOV_COLLECTOR_SCRAPE_PARSE')) return 'parse';
  return 'down';
}

/**
 * Scrapes one target: fetch with content negotiation, caps, selective parse
 * of only the families the collector reads, extraction of the app sample.
 * Tracks up/down and backs off exponentially while the target is down.
 */
export class TargetScraper {
  readonly url: string;
  private readonly backoff: BackoffPolicy;
  private failures = 0;
  private readonly wanted: Set<string>;
  private delayMs: number;
  private readonly agent: Agent;

  constructor(private readonly options: TargetScraperOptions) {
    this.url = options.url;
    this.wanted = wantedFamilies(options.names);
    this.backoff = {
      baseMs: options.intervalMs,
      maxMs: options.maxBackoffMs ?? Math.min(options.intervalMs * 8, 60_000),
    };
    this.delayMs = options.intervalMs;
    // One kept-alive connection per target saves a TCP (and TLS) handshake per scrape.
    const keepAlive = { keepAlive: true, maxSockets: 1 };
    this.agent = options.url.startsWith('https:') ? new HttpsAgent(keepAlive) : new Agent(keepAlive);
  }

  /** Consecutive failed scrapes. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Delay before the next scrape: the interval plus jitter, or the backoff while down. */
  nextDelayMs(): number {
    const random = this.options.random ?? Math.random;
    return this.delayMs + random() * this.options.jitter * this.options.intervalMs;
  }

  /** Closes kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  /** Scrapes now. Never rejects. */
  async scrape(): Promise<ScrapeOutcome> {
    const { clock } = this.options;
    const started = clock();
    try {
      const fetched = await fetchMetrics(this.url, {
        timeoutMs: this.options.timeoutMs,
        maxBodyBytes: this.options.maxBodyBytes,
        agent: this.agent,
      });
      const series = countSamples(fetched.body, this.options.maxSeries);
      if (series > this.options.maxSeries) {
        throw new GovernorError(
          'GOV_COLLECTOR_SCRAPE_TOO_MANY_SERIES',
          `${this.url} exposes more than ${this.options.maxSeries} series`,
          { details: { maxSeries: this.options.maxSeries } },
        );
      }
      let sample: AppSample;
      try {
        const format = formatFromContentType(fetched.contentType);
        const families = parseExposition(fetched.body, { format, families: this.wanted });
        sample = extractAppSample(families, this.options.names);
      } catch (cause) {
        throw new GovernorError(
          'GOV_COLLECTOR_SCRAPE_PARSE',
          `${this.url} body is not valid: ${describeError(cause)}`,
          {
            cause,
          },
        );
      }
      this.failures = 0;
      this.delayMs = this.options.intervalMs;
      const end = clock();
      return { ok: true, target: this.url, sample, atMs: end, durationMs: end - started, series };
    } catch (err) {
      // No jitter of its own: the scrape's jitter comes on top (nextDelayMs).
      this.failures += 1;
      this.delayMs = Math.max(this.options.intervalMs, backoffCeiling(this.failures, this.backoff));
      const error =
        err instanceof GovernorError
          ? err
          : new GovernorError(
              'GOV_COLLECTOR_UNKNOWN',
              `scrape of ${this.url} failed: ${describeError(err)}`,
              {
                cause: err,
              },
            );
      const end = clock();
      return {
        ok: false,
        target: this.url,
        reason: reasonOf(error),
        error,
        atMs: end,
        durationMs: end - started,
      };
    }
  }
}
