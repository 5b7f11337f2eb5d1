import { startRedis, type TestRedis } from '@governor/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BullMQActionQueue, type BullMQActionQueueOptions } from '../src/bullmq-queue.js';
import type { ActionHandler, ActionResult, ScaleRequest } from '../src/scale-request.js';

let redis: TestRedis;
const connections: Redis[] = [];
const queues: BullMQActionQueue[] = [];
let n = 0;

function connect(): Redis {
  const c = new Redis(redis.url, { maxRetriesPerRequest: null });
  c.on('error', () => {});
  connections.push(c);
  return c;
}

function makeQueue(handler: ActionHandler, extra: Partial<BullMQActionQueueOptions> = {}, name?: string) {
  const q = new BullMQActionQueue({
    connection: connect(),
    workerConnection: connect(),
    handler,
    name: name ?? `q${++n}`,
    backoffMs: 10,
    ...extra,
  });
  queues.push(q);
  return q;
}

function okResult(request: ScaleRequest): ActionResult {
  return {
    app: request.app,
    decisionId: request.decisionId,
    result: 'ok',
    steps: [],
    startedAt: 0,
    finishedAt: 0,
  };
}

function request(app: string, machines: number, decisionId: string, fencingToken?: number): ScaleRequest {
  return { app, desired: { local: machines }, decisionId, ...(fencingToken ? { fencingToken } : {}) };
}

function waitFor<T>(fn: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const v = fn();
      if (v !== undefined) return resolve(v);
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
  for (const c of connections.splice(0)) c.disconnect();
});
afterAll(async () => {
  await redis.stop();
});

describe('BullMQActionQueue', () => {
  it('runs a request through the handler and reports the result', async () => {
    const seen: ScaleRequest[] = [];
    const q = makeQueue(async (r) => {
      seen.push(r);
      return okResult(r);
    });
    const results: ActionResult[] = [];
    q.onResult((r) => results.push(r));
    await q.enqueue(request('web', 3, 'd1'));
    await waitFor(() => (results.length ? true : undefined), 'a result');
    expect(seen.map((r) => r.desired)).toEqual([{ local: 3 }]);
    expect(results[0]).toMatchObject({ app: 'web', decisionId: 'd1', result: 'ok' });
  });

  it('lets the newest desired count win while the app is busy', async () => {
    const seen: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const q = makeQueue(async (r) => {
      seen.push(r.decisionId);
      if (r.decisionId === 'd1') await gate;
      return okResult(r);
    });
    await q.enqueue(request('web', 2, 'd1'));
    await waitFor(() => (seen.length === 1 ? true : undefined), 'the first job to start');
    await q.enqueue(request('web', 3, 'd2'));
    await q.enqueue(request('web', 4, 'd3'));
    await q.enqueue(request('web', 5, 'd4'));
    release();
    await waitFor(() => (seen.length >= 2 ? true : undefined), 'the follow-up job');
    await q.idle();
    expect(seen).toEqual(['d1', 'd4']);
  });

  it('retries a failing action with backoff and succeeds within the attempts', async () => {
    let calls = 0;
    const q = makeQueue(async (r) => {
      calls++;
      if (calls < 3) throw new Error('provider unavailable');
      return okResult(r);
    });
    const results: ActionResult[] = [];
    q.onResult((r) => results.push(r));
    await q.enqueue(request('api', 2, 'd1'));
    await waitFor(() => results.find((r) => r.result === 'ok'), 'success');
    expect(calls).toBe(3);
    expect(results.map((r) => r.result)).toEqual(['error', 'error', 'ok']);
  });

  it('keeps a request that failed every attempt with its reason, and accepts the next one', async () => {
    let calls = 0;
    const q = makeQueue(
      async (r) => {
        calls++;
        if (r.decisionId === 'bad') throw new Error('capacity exhausted in ams');
        return okResult(r);
      },
      { attempts: 2 },
    );
    await q.enqueue(request('db', 2, 'bad'));
    let list = await q.failed();
    for (let i = 0; list.length === 0 && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 25));
      list = await q.failed();
    }
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ app: 'db', attempts: 2 });
    expect(list[0]?.reason).toContain('capacity exhausted in ams');
    // An entry that is not JSON (written by something else) does not break the listing.
    const c = connect();
    await c.lpush(`{governor}:q${n}:gov:failed`, 'not json');
    expect(await c.llen(`{governor}:q${n}:gov:failed`)).toBe(2);
    expect(await q.failed()).toEqual(list);
    const results: ActionResult[] = [];
    q.onResult((r) => results.push(r));
    await q.enqueue(request('db', 2, 'good'));
    await waitFor(
      () => results.find((r) => r.decisionId === 'good' && r.result === 'ok'),
      'the next request',
    );
    expect(calls).toBe(3);
  });

  it('refuses a request whose fencing token the fence rejects, without acting', async () => {
    let acted = 0;
    const q = makeQueue(
      async (r) => {
        acted++;
        return okResult(r);
      },
      { fence: async (r) => (r.fencingToken ?? 0) >= 10 },
    );
    const results: ActionResult[] = [];
    q.onResult((r) => results.push(r));
    await q.enqueue(request('web', 9, 'stale', 7));
    await waitFor(() => results.find((r) => r.decisionId === 'stale'), 'rejection');
    await q.enqueue(request('web', 2, 'fresh', 11));
    await waitFor(() => results.find((r) => r.decisionId === 'fresh'), 'fresh result');
    expect(results.map((r) => [r.decisionId, r.result])).toEqual([
      ['stale', 'rejected'],
      ['fresh', 'ok'],
    ]);
    expect(results[0]?.error?.code).toBe('GOV_ACTION_STALE_FENCING_TOKEN');
    expect(acted).toBe(1);
  });

  it("runs the new owner's request that arrived while a stale one was being refused", async () => {
    // The shard moved: the old owner's request is refused at the start of its job, and the new
    // owner's arrives meanwhile (its job id is taken by the running job, so no job of its own).
    const applied: string[] = [];
    let q: BullMQActionQueue | undefined;
    q = makeQueue(
      async (r) => {
        applied.push(r.decisionId);
        return okResult(r);
      },
      {
        fence: async (r) => {
          if (r.decisionId === 'old-owner') await q?.enqueue(request('web', 4, 'new-owner', 11));
          return (r.fencingToken ?? 0) >= 10;
        },
      },
    );
    await q.enqueue(request('web', 4, 'old-owner', 7));
    await waitFor(() => (applied.includes('new-owner') ? true : undefined), "the new owner's request");
    expect(applied).toEqual(['new-owner']);
  });

  it('applies each request exactly once with workers in two replicas', async () => {
    const applied: string[] = [];
    const handler: ActionHandler = async (r) => {
      applied.push(r.decisionId);
      await new Promise((res) => setTimeout(res, 5));
      return okResult(r);
    };
    const name = `shared${++n}`;
    const a = makeQueue(handler, {}, name);
    const b = makeQueue(handler, {}, name);
    const apps = Array.from({ length: 20 }, (_, i) => `app${i}`);
    for (const [i, app] of apps.entries()) await (i % 2 ? a : b).enqueue(request(app, 2, `d-${app}`));
    await waitFor(() => (applied.length >= apps.length ? true : undefined), 'all jobs');
    await a.idle();
    expect([...applied].sort()).toEqual(apps.map((x) => `d-${x}`).sort());
  });

  it('a run whose job lock lapsed (a starved worker) no longer owns the job once another run has it', async () => {
    // Each run asks whether it still owns its job before acting; the first is held until the
    // job has been taken over as stalled and started again.
    const owned: boolean[] = [];
    let runs = 0;
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((r) => {
      releaseFirst = r;
    });
    const name = `stall${++n}`;
    const handler: ActionHandler = async (r, _signal, owns) => {
      const run = ++runs;
      if (run === 1) await firstHeld;
      owned[run - 1] = (await owns?.()) ?? true;
      return okResult(r);
    };
    const q = makeQueue(handler, { lockDurationMs: 5000, stalledIntervalMs: 100 }, name);
    await q.enqueue(request('web', 2, 'd1'));
    await waitFor(() => (runs === 1 ? true : undefined), 'the first run');
    // What a starved worker's lapsed lock looks like to BullMQ: the key is gone.
    const lockKey = `{governor}:${name}:scale-${Buffer.from('web').toString('base64url')}:lock`;
    const admin = connect();
    expect(await admin.del(lockKey)).toBe(1);
    await waitFor(() => (owned[1] !== undefined ? true : undefined), 'the stalled job to run again');
    releaseFirst();
    await waitFor(() => (owned[0] !== undefined ? true : undefined), 'the first run to ask');
    expect(owned).toEqual([false, true]);
  });

  it('drains a running action before close resolves', async () => {
    let finished = false;
    let started = false;
    const q = makeQueue(async (r) => {
      started = true;
      await new Promise((res) => setTimeout(res, 200));
      finished = true;
      return okResult(r);
    });
    await q.enqueue(request('web', 2, 'd1'));
    await waitFor(() => (started ? true : undefined), 'start');
    await q.close();
    expect(finished).toBe(true);
    await expect(q.enqueue(request('web', 3, 'd2'))).rejects.toMatchObject({
      code: 'GOV_ACTION_QUEUE_CLOSED',
    });
  });
});
