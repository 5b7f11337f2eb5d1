/**
 * The narrow contract between the autoscaler loop and whatever applies its
 * decisions (in-process here; BullMQ in cluster mode).
 */

/** "Make this app run these many machines per region", tied to the decision that asked. */
export interface ScaleRequest {
  /** App name from the config. */
  readonly app: string;
  /** Desired running machines per region. */
  readonly desired: Readonly<Record<string, number>>;
  /** Id of the recorded Decision this action applies (traceability). */
  readonly decisionId: string;
  /** Leader lease fencing token (cluster mode); a queue may refuse stale tokens. */
  readonly fencingToken?: number;
  /**
   * Stopped machines to keep beyond `desired`, as the decision sized them.
   * In cluster mode any replica's worker may run the request, and only the
   * deciding replica knows the figure. Default: the worker's `warmPool` option.
   */
  readonly warmPool?: number;
  /** How a machine scaled down into the warm pool is parked (the app's `park`). Default `stop`. */
  readonly park?: 'stop' | 'suspend';
}

/** What one provider step did. */
export interface StepReport {
  /** Step kind, e.g. `create`, `start`, `stop`, `destroy`. */
  readonly action: string;
  readonly region: string;
  readonly machineId?: string;
  /** Why the reconciler planned it, e.g. `scale up: 1 of 3 running in local`. */
  readonly reason: string;
  readonly result: 'ok' | 'error';
  /** Single-line error description when `result` is `error`. */
  readonly error?: string;
}

/**
 * The outcome of one request:
 * - `ok`: every step succeeded (possibly zero steps: already converged);
 * - `error`: listing or a step failed, or the action timed out;
 * - `rejected`: refused before running (stale fencing token, invalid);
 * - `superseded`: replaced by a newer request for the same app before it ran.
 */
export type ActionResultKind = 'ok' | 'error' | 'rejected' | 'superseded';

/** The report of one request, delivered to result listeners. */
export interface ActionResult {
  readonly app: string;
  readonly decisionId: string;
  readonly result: ActionResultKind;
  readonly steps: readonly StepReport[];
  /** Error code and message when `result` is `error` or `rejected`. */
  readonly error?: { readonly code: string; readonly message: string };
  /** ms since epoch. */
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** Applies one request; must honour `signal` (abort on timeout or close). */
export type ActionHandler = (
  request: ScaleRequest,
  signal: AbortSignal,
  owns?: RunOwnership,
) => Promise<ActionResult>;

/**
 * True while this run still owns its request's job: with BullMQ, while the
 * worker still holds the job's lock (asking extends it). A worker that
 * stalled past the lock may find another worker running the same job; it must
 * make no further provider call then. Queues without locks pass none.
 */
export type RunOwnership = () => Promise<boolean>;

/** Receives every {@link ActionResult}. */
export type ActionResultListener = (result: ActionResult) => void;
