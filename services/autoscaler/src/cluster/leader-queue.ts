import type { ActionQueue, ActionQueueStats, ActionResultListener, ScaleRequest } from '@governor/actions';
import { GovernorError } from '@governor/errors';

/** What {@link LeaderQueue} asks about leadership: the fencing token this replica holds for an app's shard. */
export interface Leadership {
  /** The token while this replica leads the app (its shard), else undefined. */
  token(app: string): number | undefined;
}

/**
 * An {@link ActionQueue} that only the current leader can feed: a request is
 * refused (`GOV_SERVICE_NOT_LEADER`) unless this replica leads right now with
 * the very token the request carries, so a tick that outlived its lease (the
 * process was paused, Redis went away) never enqueues. Everything else is the
 * inner queue's.
 */
export class LeaderQueue implements ActionQueue {
  constructor(
    private readonly inner: ActionQueue,
    private readonly leadership: Leadership,
  ) {}

  async enqueue(request: ScaleRequest): Promise<void> {
    const token = this.leadership.token(request.app);
    if (token === undefined || request.fencingToken !== token) {
      throw new GovernorError(
        'GOV_SERVICE_NOT_LEADER',
        `not enqueuing ${request.app}: this replica does not lead with token ${request.fencingToken ?? 'none'}`,
        { details: { app: request.app, decisionId: request.decisionId, fencingToken: token ?? null } },
      );
    }
    await this.inner.enqueue(request);
  }

  onResult(listener: ActionResultListener): () => void {
    return this.inner.onResult(listener);
  }

  stats(): ActionQueueStats {
    return this.inner.stats();
  }

  idle(): Promise<void> {
    return this.inner.idle();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
