import { describeError, GovernorError } from '@governor/errors';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ActionQueue, ActionQueueStats } from './action-queue.js';
import type {
  ActionHandler,
  ActionResult,
  ActionResultListener,
  RunOwnership,
  ScaleRequest,
} from './scale-request.js';
import { validateScaleRequest } from './validate-request.js';

/** Checks a request's fencing token just before it acts (cluster mode). */
export type FenceCheck = (request: ScaleRequest) => Promise<boolean>;

/** Options of {@link BullMQActionQueue}. */
export interface BullMQActionQueueOptions {
  /**
   * ioredis connection for the queue and the per-app request hash (created
   * with `maxRetriesPerRequest: null`, with an error listener).
   */
  readonly connection: Redis;
  /** A second connection for the worker (BullMQ blocks on it). Omit to not run a worker here. */
  readonly workerConnection?: Redis;
  /** Applies one request (see `createScaleWorker`). Required with a worker. */
  readonly handler?: ActionHandler;
  /**
   * Refuses requests from deposed leaders; checked by the worker right before
   * acting. A refused request is `rejected` and not retried.
   */
  readonly fence?: FenceCheck;
  /** Queue name. Default `governor-actions`. */
  readonly name?: string;
  /**
   * BullMQ key prefix. Default `{governor}`: a Redis Cluster hash tag, as
   * BullMQ requires on a cluster, so every key of the queue (and the
   * newest-request hash and failed list kept next to it) is in one slot.
   */
  readonly prefix?: string;
  /** Attempts per request (exponential backoff between them). Default 5. */
  readonly attempts?: number;
  /** First backoff delay in ms (doubles each attempt). Default 1000. */
  readonly backoffMs?: number;
  /** Abort one attempt after this many ms. Default 60000. */
  readonly timeoutMs?: number;
  /** Failed jobs kept for inspection. Default 1000. */
  readonly keepFailed?: number;
  /** Apps handled concurrently by this worker. Default 4. */
  readonly concurrency?: number;
  /**
   * How long a worker's lock on a running job lasts without renewal (ms); a
   * job whose worker died is picked up again after about this long. Default
   * BullMQ's 30000.
   */
  readonly lockDurationMs?: number;
  /** How often workers look for such stalled jobs (ms). Default BullMQ's 30000. */
  readonly stalledIntervalMs?: number;
  /** Clock in ms since epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/** A request that failed every attempt. */
export interface FailedAction {
  readonly app: string;
  readonly reason: string;
  readonly attempts: number;
  /** ms since epoch. */
  readonly at: number;
}

/** The job payload: the app only; the newest request is read when the job runs. */
interface ScaleJobData {
  readonly app: string;
}

/** Stored per app: the newest request and its sequence number. */
interface LatestRequest {
  readonly seq: number;
  readonly request: ScaleRequest;
}

function jobIdFor(app: string): string {
  return `scale-${Buffer.from(app).toString('base64url')}`;
}

/**
 * The cluster {@link ActionQueue} on BullMQ. One job id per app, so an app has
 * at most one waiting job; the newest request per app is kept in a Redis hash
 * and read when the job runs, so the newest desired count always wins. A
 * request that arrives while the app's job is running is picked up by a
 * follow-up job when that one finishes. Attempts back off exponentially;
 * failed jobs are kept with their reason. The worker checks the fencing token
 * right before acting, so a deposed leader's requests are refused.
 */
export class BullMQActionQueue implements ActionQueue {
  private readonly queue: Queue<ScaleJobData>;
  private readonly worker?: Worker<ScaleJobData, ActionResult>;
  private readonly listeners = new Set<ActionResultListener>();
  private readonly latestKey: string;
  private readonly failedKey: string;
  private readonly now: () => number;
  private counts: ActionQueueStats = { pending: 0, running: 0 };
  private seq = 0;
  private closed = false;

  constructor(private readonly options: BullMQActionQueueOptions) {
    const name = options.name ?? 'governor-actions';
    const prefix = options.prefix ?? '{governor}';
    this.now = options.now ?? Date.now;
    this.latestKey = `${prefix}:${name}:gov:latest`;
    this.failedKey = `${prefix}:${name}:gov:failed`;
    this.queue = new Queue<ScaleJobData>(name, { connection: options.connection, prefix });
    this.queue.on('error', () => {
      // Connection errors surface through enqueue() rejections; never crash.
    });
    if (options.workerConnection) {
      if (!options.handler) throw new Error('BullMQActionQueue: a worker needs a handler');
      this.worker = new Worker<ScaleJobData, ActionResult>(name, (job, token) => this.process(job, token), {
        connection: options.workerConnection,
        prefix,
        concurrency: options.concurrency ?? 4,
        ...(options.lockDurationMs === undefined ? {} : { lockDuration: options.lockDurationMs }),
        ...(options.stalledIntervalMs === undefined ? {} : { stalledInterval: options.stalledIntervalMs }),
      });
      this.worker.on('error', () => {
        // Reported per job; a dead Redis makes the worker retry its connection.
      });
      this.worker.on('failed', (job) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) void this.recordFailure(job);
      });
    }
  }

  async enqueue(request: ScaleRequest): Promise<void> {
    if (this.closed) {
      throw new GovernorError('GOV_ACTION_QUEUE_CLOSED', `action queue closed; dropped ${request.app}`, {
        details: { app: request.app, decisionId: request.decisionId },
      });
    }
    validateScaleRequest(request);
    const client = this.options.connection;
    const latest: LatestRequest = { seq: ++this.seq, request };
    await client.hset(this.latestKey, request.app, JSON.stringify(latest));
    await this.addJob(request.app);
    void this.refreshCounts();
  }

  onResult(listener: ActionResultListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Last known counts (refreshed after every enqueue and job). */
  stats(): ActionQueueStats {
    return this.counts;
  }

  /** Refreshes and returns the counts from Redis. */
  async refreshCounts(): Promise<ActionQueueStats> {
    try {
      const c = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active');
      this.counts = {
        pending: (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0),
        running: c.active ?? 0,
      };
    } catch {
      // Keep the last known counts while Redis is unreachable.
    }
    return this.counts;
  }

  /** Requests that failed every attempt, with their reasons, newest first. */
  async failed(limit = 50): Promise<FailedAction[]> {
    const client = this.options.connection;
    const raw = await client.lrange(this.failedKey, 0, limit - 1);
    const out: FailedAction[] = [];
    for (const r of raw) {
      try {
        out.push(JSON.parse(r) as FailedAction);
      } catch {
        // An entry that is not JSON (written by something else) is left out, not a failed listing.
      }
    }
    return out;
  }

  async idle(): Promise<void> {
    for (;;) {
      const c = await this.refreshCounts();
      if (c.pending === 0 && c.running === 0) return;
      await new Promise((r) => setTimeout(r, 50).unref());
    }
  }

  /** Stops accepting, lets running jobs finish (drain), then closes connections. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.close();
    await this.queue.close();
  }

  private async addJob(app: string): Promise<void> {
    await this.queue.add(
      'scale',
      { app },
      {
        jobId: jobIdFor(app),
        attempts: this.options.attempts ?? 5,
        backoff: { type: 'exponential', delay: this.options.backoffMs ?? 1000 },
        removeOnComplete: true,
        removeOnFail: { count: this.options.keepFailed ?? 1000 },
      },
    );
  }

  /** Runs the newest request of the job's app. Throws to let BullMQ retry. */
  private async process(job: Job<ScaleJobData>, token: string | undefined): Promise<ActionResult> {
    const client = this.options.connection;
    const raw = await client.hget(this.latestKey, job.data.app);
    if (raw === null) return this.skipped(job.data.app, 'none', 'superseded');
    const latest = JSON.parse(raw) as LatestRequest;
    const { request } = latest;
    if (this.options.fence && !(await this.options.fence(request))) {
      const result = this.skipped(request.app, request.decisionId, 'rejected', {
        code: 'GOV_ACTION_STALE_FENCING_TOKEN',
        message: `fencing token ${request.fencingToken} is stale`,
      });
      // A newer request that arrived meanwhile (a new owner's) found this job's id taken: queue it.
      if (!(await this.clearIfSame(request.app, raw))) void this.followUp(request.app);
      this.report(result);
      return result;
    }
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new GovernorError('GOV_ACTION_TIMEOUT', `scale action for ${request.app} timed out`)),
      this.options.timeoutMs ?? 60_000,
    );
    timer.unref();
    let result: ActionResult;
    try {
      result = await this.options.handler!(request, abort.signal, this.ownership(job, token));
    } catch (err) {
      result = {
        app: request.app,
        decisionId: request.decisionId,
        result: 'error',
        steps: [],
        error: { code: 'GOV_ACTION_FAILED', message: describeError(err) },
        startedAt: this.now(),
        finishedAt: this.now(),
      };
    } finally {
      clearTimeout(timer);
    }
    this.report(result);
    if (result.result === 'error') {
      throw new Error(`${result.error?.code ?? 'GOV_ACTION_FAILED'}: ${result.error?.message ?? 'failed'}`);
    }
    const superseded = !(await this.clearIfSame(request.app, raw));
    if (superseded) void this.followUp(request.app);
    void this.refreshCounts();
    return result;
  }

  /**
   * Whether this run still holds the job's lock (and extends it). A worker
   * starved past the lock duration has had its job moved back to wait as
   * stalled, and another worker may run it now: both acting would apply the
   * request twice (two creates for one missing machine).
   */
  private ownership(job: Job<ScaleJobData>, token: string | undefined): RunOwnership {
    if (token === undefined) return async () => true;
    const duration = this.options.lockDurationMs ?? 30_000;
    return async () => (await job.extendLock(token, duration)) === 1;
  }

  /**
   * A job failed its last attempt: keep its reason in a capped list and free
   * the app's job id, so the next tick's request queues a fresh job.
   */
  private async recordFailure(job: Job<ScaleJobData>): Promise<void> {
    try {
      const client = this.options.connection;
      const entry: FailedAction = {
        app: job.data.app,
        reason: job.failedReason,
        attempts: job.attemptsMade,
        at: job.finishedOn ?? this.now(),
      };
      await client.lpush(this.failedKey, JSON.stringify(entry));
      await client.ltrim(this.failedKey, 0, (this.options.keepFailed ?? 1000) - 1);
      await job.remove();
    } catch {
      // Redis unreachable: the failed job stays in BullMQ's failed set instead.
    }
  }

  /** Deletes the stored request when it is still the one that ran; true when deleted. */
  private async clearIfSame(app: string, raw: string): Promise<boolean> {
    const client = this.options.connection;
    const script = `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0`;
    return ((await client.eval(script, 1, this.latestKey, app, raw)) as number) === 1;
  }

  /** A newer request arrived while the job ran: queue the app again once its job is gone. */
  private async followUp(app: string): Promise<void> {
    for (let i = 0; i < 50 && !this.closed; i++) {
      const job = await this.queue.getJob(jobIdFor(app)).catch(() => undefined);
      const state = job ? await job.getState().catch(() => 'unknown') : 'gone';
      if (state === 'gone' || state === 'completed' || state === 'unknown') {
        await this.addJob(app).catch(() => undefined);
        return;
      }
      await new Promise((r) => setTimeout(r, 20).unref());
    }
  }

  private skipped(
    app: string,
    decisionId: string,
    result: ActionResult['result'],
    error?: { code: string; message: string },
  ): ActionResult {
    const at = this.now();
    return { app, decisionId, result, steps: [], ...(error ? { error } : {}), startedAt: at, finishedAt: at };
  }

  private report(result: ActionResult): void {
    for (const listener of this.listeners) {
      try {
        listener(result);
      } catch {
        // A listener's failure must not stop the worker.
      }
    }
  }
}
