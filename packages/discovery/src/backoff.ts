import { type BackoffPolicy, fullJitterBackoff } from '@governor/runtime/backoff';

/** Options of {@link Backoff}. */
export interface BackoffOptions {
  /** Ceiling of the first delay, ms. Default 250. */
  readonly initialMs?: number;
  /** Largest delay, ms. Default 10000. */
  readonly maxMs?: number;
  /** Random numbers in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * The watch's reconnect delays: the project's one exponential backoff with
 * full jitter (`@governor/runtime/backoff`, a pure module with no imports,
 * so this client still needs nothing but the JavaScript runtime's `fetch`),
 * counting failures since the last success; `reset()` after a success
 * starts over.
 */
export class Backoff {
  private attempt = 0;
  private readonly policy: BackoffPolicy;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.policy = { baseMs: options.initialMs ?? 250, maxMs: options.maxMs ?? 10_000 };
    this.random = options.random ?? Math.random;
  }

  /** The delay before the next attempt, ms. */
  next(): number {
    this.attempt++;
    return fullJitterBackoff(this.attempt, this.policy, this.random);
  }

  reset(): void {
    this.attempt = 0;
  }
}
