import type { ActionResultListener, ScaleRequest } from './scale-request.js';

/** Queue counters, for the `governor_action_queue_depth` gauge and the API. */
export interface ActionQueueStats {
  /** Requests waiting (at most one per app). */
  readonly pending: number;
  /** Requests being applied now. */
  readonly running: number;
}

/**
 * Applies scale requests with one pending request per app, where the newest
 * desired count wins, and a slow or failing app never blocks another.
 * Implementations: {@link InProcessActionQueue} (standalone), BullMQ (cluster).
 */
export interface ActionQueue {
  /**
   * Queues a request. A pending (not yet running) request of the same app is
   * replaced and reported as `superseded`. Rejects with
   * `GOV_ACTION_QUEUE_CLOSED` after {@link close}, `GOV_ACTION_INVALID_REQUEST`
   * for malformed input.
   */
  enqueue(request: ScaleRequest): Promise<void>;
  /** Subscribes to results; returns an unsubscribe function. Listener errors are swallowed. */
  onResult(listener: ActionResultListener): () => void;
  stats(): ActionQueueStats;
  /** Resolves when nothing is pending or running. */
  idle(): Promise<void>;
  /** Stops accepting, drops pending requests (reported `superseded`), aborts and awaits running ones. */
  close(): Promise<void>;
}
