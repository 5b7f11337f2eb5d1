import type { RunOwnership, ScaleRequest } from '@governor/actions';
import { GovernorError } from '@governor/errors';
import type { CreateMachineOptions, Machine, Provider } from '@governor/providers';

/**
 * A provider for one scale request that re-checks the request's fence before
 * every mutation, so a worker that stalled mid-action (paused process, slow
 * step) stops as soon as another leader has taken over, and that this run
 * still owns the request's job, so a worker that stalled past its job lock
 * stops once another worker may run the same request. Listing is not fenced.
 */
export class FencedProvider implements Provider {
  constructor(
    private readonly inner: Provider,
    private readonly request: ScaleRequest,
    private readonly fence: (request: ScaleRequest) => Promise<boolean>,
    private readonly owns: RunOwnership = async () => true,
  ) {}

  get kind(): string {
    return this.inner.kind;
  }

  list(app: string): Promise<Machine[]> {
    return this.inner.list(app);
  }

  async create(app: string, options: CreateMachineOptions): Promise<Machine> {
    await this.check('create');
    return this.inner.create(app, options);
  }

  async start(app: string, id: string): Promise<void> {
    await this.check('start');
    await this.inner.start(app, id);
  }

  async stop(app: string, id: string): Promise<void> {
    await this.check('stop');
    await this.inner.stop(app, id);
  }

  async suspend(app: string, id: string): Promise<void> {
    await this.check('suspend');
    await this.inner.suspend(app, id);
  }

  async destroy(app: string, id: string): Promise<void> {
    await this.check('destroy');
    await this.inner.destroy(app, id);
  }

  /** The underlying provider is shared; closing a per-request view does nothing. */
  async close(): Promise<void> {}

  private async check(op: string): Promise<void> {
    if (!(await this.owns())) {
      throw new GovernorError(
        'GOV_ACTION_LOCK_LOST',
        `refused to ${op} for ${this.request.app}: this worker no longer holds the job, another may be running it`,
        { details: { app: this.request.app, decisionId: this.request.decisionId, op } },
      );
    }
    if (await this.fence(this.request)) return;
    throw new GovernorError(
      'GOV_ACTION_STALE_FENCING_TOKEN',
      `refused to ${op} for ${this.request.app}: fencing token ${this.request.fencingToken} is no longer the leader's`,
      { details: { app: this.request.app, decisionId: this.request.decisionId, op } },
    );
  }
}
