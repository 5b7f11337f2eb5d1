import { describe, expect, it } from 'vitest';
import { InProcessActionQueue } from '../src/in-process-queue.js';
import type { ActionResult } from '../src/scale-request.js';
import { describeActionQueueContract, gatedHandler } from './action-queue-contract.js';

describeActionQueueContract('in-process', async (handler) => new InProcessActionQueue({ handler }));

describe('InProcessActionQueue', () => {
  it('aborts an action that exceeds its timeout and reports GOV_ACTION_TIMEOUT', async () => {
    const g = gatedHandler();
    const q = new InProcessActionQueue({ handler: g.handler, timeoutMs: 50 });
    const results: ActionResult[] = [];
    q.onResult((r) => results.push(r));
    await q.enqueue({ app: 'a', decisionId: 'hang', desired: { local: 1 } });
    await q.idle();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      decisionId: 'hang',
      result: 'error',
      error: { code: 'GOV_ACTION_TIMEOUT' },
    });
    await q.close();
  });

  it('rejects a request whose fencing token the fence refuses, without running it', async () => {
    const g = gatedHandler();
    const q = new InProcessActionQueue({ handler: g.handler, fence: (r) => (r.fencingToken ?? 0) >= 7 });
    const results: ActionResult[] = [];
    q.onResult((r) => results.push(r));
    await q.enqueue({ app: 'a', decisionId: 'old', desired: { local: 1 }, fencingToken: 6 });
    await q.idle();
    expect(g.calls).toHaveLength(0);
    expect(results[0]).toMatchObject({
      result: 'rejected',
      error: { code: 'GOV_ACTION_STALE_FENCING_TOKEN' },
    });
    await q.close();
  });

  it('keeps delivering results when a listener throws', async () => {
    const q = new InProcessActionQueue({
      handler: async (r) => ({
        app: r.app,
        decisionId: r.decisionId,
        result: 'ok',
        steps: [],
        startedAt: 0,
        finishedAt: 0,
      }),
    });
    const seen: string[] = [];
    q.onResult(() => {
      throw new Error('listener bug');
    });
    q.onResult((r) => seen.push(r.decisionId));
    await q.enqueue({ app: 'a', decisionId: 'd', desired: {} });
    await q.idle();
    expect(seen).toEqual(['d']);
    await q.close();
  });
});
