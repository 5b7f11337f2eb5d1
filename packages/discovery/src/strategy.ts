import type { Instance } from './instance.js';

/** What a strategy knows when it picks: the candidates and this client's own requests in flight. */
export interface PickContext {
  /** Requests this client has in flight per instance id (see `DiscoveryClient.acquire`). */
  readonly inFlight: (id: string) => number;
  /** Random numbers in [0, 1). */
  readonly random: () => number;
}

/** Chooses one of `candidates` (never empty, sorted by id). */
export interface Strategy {
  readonly name: string;
  pick(candidates: readonly Instance[], ctx: PickContext): Instance;
}
