import type { SecretRef } from '@governor/config';

/** Structured log sink; fields never contain the API token. */
export type FlyLogger = (level: 'debug' | 'warn', msg: string, fields: Record<string, unknown>) => void;

/** Options of {@link FlyMachinesClient}. */
export interface FlyClientOptions {
  /** Base URL; `/v1` is appended unless present. Default `https://api.machines.dev`. */
  readonly apiUrl?: string;
  /** The Machines API token: a SecretRef (read at call time), or a getter. */
  readonly token: SecretRef | (() => string | undefined);
  /** Attempts per call, the first included, for 429, 5xx and network errors. Default 5. */
  readonly maxAttempts?: number;
  /** Total time budget of one call, retries and rate-limit waits included (ms). Default 30000. */
  readonly deadlineMs?: number;
  /** Timeout of one HTTP attempt (ms). Default 10000. */
  readonly attemptTimeoutMs?: number;
  /** First backoff step (ms); doubles per attempt, full jitter. Default 200. */
  readonly backoffBaseMs?: number;
  /** Largest backoff step (ms), Retry-After included. Default 5000. */
  readonly backoffMaxMs?: number;
  /** Client-side token buckets per action and machine (API limits). Default true. */
  readonly rateLimit?: boolean;
  /** Clock (ms). Default `Date.now`. */
  readonly now?: () => number;
  /** Sleep (ms). Default: an unref'ed setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform random in [0, 1) for jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Log sink. Default: none. */
  readonly log?: FlyLogger;
}
