import { describeError, GovernorError, isGovernorError } from '@governor/errors';
import type { ActionQueue, ActionQueueStats } from './action-queue.js';
import type {
  ActionHandler,
  ActionResult,
  ActionResultKind,
  ActionResultListener,
  ScaleRequest,
} from './scale-request.js';
import { validateScaleRequest } from './validate-request.js';

/** Options of {@link InProcessActionQueue}. */
export interface InProcessActionQueueOptions {
  /** Applies one request (see `createScaleWorker`). */
  readonly handler: ActionHandler;
  /** Abort a request after this many ms. Default 60000. */
  readonly timeoutMs?: number;
  /**
   * Returns false when the request's fencing token is stale; the request is
   * then `rejected` without running. Default: accept everything.
   */
  readonly fence?: (request: ScaleRequest) => boolean;
  /** Clock in ms since epoch. Default `Date.now`. */
  readonly now?: () => number;
}

interface AppSlot {
  pending?: ScaleRequest;
  running?: { request: ScaleRequest; abort: AbortController; done: Promise<void> };
}

/**
 * The standalone {@link ActionQueue}: each app has at most one running and
 * one pending request; apps run concurrently, so a slow app never delays
 * another. Never rejects from its internal work: handler failures and
 * timeouts become `error` results.
 */
export class InProcessActionQueue implements ActionQueue {
  private readonly slots = new Map<string, AppSlot>();
  private readonly listeners = new Set<ActionResultListener>();
  private idleWaiters: Array<() => void> = [];
  private closed = false;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: InProcessActionQueueOptions) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async enqueue(request: ScaleRequest): Promise<void> {
    if (this.closed) {
      throw new GovernorError('GOV_ACTION_QUEUE_CLOSED', `action queue closed; dropped ${request.app}`, {
        details: { app: request.app, decisionId: request.decisionId },
      });
    }
    validateScaleRequest(request);
    const slot = this.slots.get(request.app) ?? {};
    this.slots.set(request.app, slot);
    if (slot.pending) this.report(this.skipped(slot.pending, 'superseded'));
    slot.pending = request;
    if (!slot.running) this.drain(request.app, slot);
  }

  onResult(listener: ActionResultListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): ActionQueueStats {
    let pending = 0;
    let running = 0;
    for (const slot of this.slots.values()) {
      if (slot.pending) pending++;
      if (slot.running) running++;
    }
    return { pending, running };
  }

  idle(): Promise<void> {
    const { pending, running } = this.stats();
    if (pending === 0 && running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    const running: Promise<void>[] = [];
    for (const slot of this.slots.values()) {
      if (slot.pending) {
        this.report(this.skipped(slot.pending, 'superseded'));
        slot.pending = undefined;
      }
      if (slot.running) {
        slot.running.abort.abort(new GovernorError('GOV_ACTION_QUEUE_CLOSED', 'action queue closing'));
        running.push(slot.running.done);
      }
    }
    await Promise.all(running);
    this.notifyIdle();
  }

  /** Runs the app's pending requests one after another; never rejects. */
  private drain(app: string, slot: AppSlot): void {
    const request = slot.pending;
    if (!request || this.closed) {
      if (!slot.pending && !slot.running) this.slots.delete(app);
      this.notifyIdle();
      return;
    }
    slot.pending = undefined;
    const abort = new AbortController();
    const done = this.run(request, abort).then((result) => {
      slot.running = undefined;
      this.report(result);
      this.drain(app, slot);
    });
    slot.running = { request, abort, done };
  }

  private async run(request: ScaleRequest, abort: AbortController): Promise<ActionResult> {
    const startedAt = this.now();
    if (this.options.fence && !this.options.fence(request)) {
      return this.skipped(request, 'rejected', {
        code: 'GOV_ACTION_STALE_FENCING_TOKEN',
        message: `fencing token ${request.fencingToken} is stale`,
      });
    }
    const timer = setTimeout(() => {
      abort.abort(
        new GovernorError(
          'GOV_ACTION_TIMEOUT',
          `scale action for ${request.app} exceeded ${this.timeoutMs} ms`,
        ),
      );
    }, this.timeoutMs);
    timer.unref();
    try {
      const aborted = new Promise<never>((_, reject) => {
        abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true });
      });
      aborted.catch(() => undefined);
      return await Promise.race([this.options.handler(request, abort.signal), aborted]);
    } catch (err) {
      const code = isGovernorError(err) ? err.code : 'GOV_ACTION_FAILED';
      return {
        app: request.app,
        decisionId: request.decisionId,
        result: 'error',
        steps: [],
        error: { code, message: describeError(err) },
        startedAt,
        finishedAt: this.now(),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  private skipped(
    request: ScaleRequest,
    result: ActionResultKind,
    error?: { code: string; message: string },
  ): ActionResult {
    const at = this.now();
    return {
      app: request.app,
      decisionId: request.decisionId,
      result,
      steps: [],
      ...(error ? { error } : {}),
      startedAt: at,
      finishedAt: at,
    };
  }

  private report(result: ActionResult): void {
    for (const listener of this.listeners) {
      try {
        listener(result);
      } catch {
        // A listener's failure must not stop the queue or other listeners.
      }
    }
  }

  private notifyIdle(): void {
    const { pending, running } = this.stats();
    if (pending !== 0 || running !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
