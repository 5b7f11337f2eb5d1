import { isGovernorError } from '@governor/errors';
import { describe, expect, it } from 'vitest';
import type { ActionQueue } from '../src/action-queue.js';
import type { ActionHandler, ActionResult, ScaleRequest } from '../src/scale-request.js';

/** Builds the queue under test around a handler; the suite closes it. */
export type QueueFactory = (handler: ActionHandler) => Promise<ActionQueue>;

/** A handler whose calls block until released, recording what it was asked. */
export function gatedHandler() {
  const calls: ScaleRequest[] = [];
  const gates = new Map<string, () => void>();
  const handler: ActionHandler = async (request, signal) => {
    calls.push(request);
    await new Promise<void>((resolve, reject) => {
      gates.set(request.decisionId, resolve);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    return {
      app: request.app,
      decisionId: request.decisionId,
      result: 'ok',
      steps: [],
      startedAt: 0,
      finishedAt: 0,
    };
  };
  const release = (decisionId: string) => gates.get(decisionId)?.();
  const started = async (decisionId: string) => {
    await expect.poll(() => calls.some((c) => c.decisionId === decisionId), { timeout: 5000 }).toBe(true);
  };
  return { handler, calls, release, started };
}

function req(app: string, decisionId: string, n = 1): ScaleRequest {
  return { app, decisionId, desired: { local: n } };
}

/** The behaviour every ActionQueue implementation must have. */
export function describeActionQueueContract(name: string, factory: QueueFactory): void {
  describe(`ActionQueue contract: ${name}`, () => {
    it('keeps one pending request per app and the newest desired count wins', async () => {
      const g = gatedHandler();
      const q = await factory(g.handler);
      const results: ActionResult[] = [];
      q.onResult((r) => results.push(r));
      await q.enqueue(req('a', 'd1', 1));
      await g.started('d1');
      await q.enqueue(req('a', 'd2', 2));
      await q.enqueue(req('a', 'd3', 3));
      expect(q.stats()).toEqual({ pending: 1, running: 1 });
      g.release('d1');
      await g.started('d3');
      g.release('d3');
      await q.idle();
      expect(g.calls.map((c) => [c.decisionId, c.desired.local])).toEqual([
        ['d1', 1],
        ['d3', 3],
      ]);
      expect(results.map((r) => [r.decisionId, r.result])).toEqual([
        ['d2', 'superseded'],
        ['d1', 'ok'],
        ['d3', 'ok'],
      ]);
      await q.close();
    });

    it('lets other apps proceed while one app is slow', async () => {
      const g = gatedHandler();
      const q = await factory(g.handler);
      const done: string[] = [];
      q.onResult((r) => done.push(r.decisionId));
      await q.enqueue(req('slow', 's1'));
      await g.started('s1');
      await q.enqueue(req('fast', 'f1'));
      await g.started('f1');
      g.release('f1');
      await expect.poll(() => done, { timeout: 5000 }).toEqual(['f1']);
      g.release('s1');
      await q.idle();
      expect(done).toEqual(['f1', 's1']);
      await q.close();
    });

    it('reports a throwing handler as an error result and keeps serving the app', async () => {
      let n = 0;
      const q = await factory(async (r) => {
        n++;
        if (r.decisionId === 'bad') throw new Error('provider exploded');
        return { app: r.app, decisionId: r.decisionId, result: 'ok', steps: [], startedAt: 0, finishedAt: 0 };
      });
      const results: ActionResult[] = [];
      q.onResult((r) => results.push(r));
      await q.enqueue(req('a', 'bad'));
      await q.idle();
      await q.enqueue(req('a', 'good'));
      await q.idle();
      expect(n).toBe(2);
      expect(results[0]).toMatchObject({ decisionId: 'bad', result: 'error' });
      expect(results[0]?.error?.message).toContain('provider exploded');
      expect(results[1]).toMatchObject({ decisionId: 'good', result: 'ok' });
      await q.close();
    });

    it('refuses malformed requests naming the field', async () => {
      const q = await factory(gatedHandler().handler);
      const err = await q
        .enqueue({ app: 'a', decisionId: 'x', desired: { ams: -1 } })
        .catch((e: unknown) => e);
      expect(isGovernorError(err, 'GOV_ACTION_INVALID_REQUEST')).toBe(true);
      expect((err as Error).message).toContain('desired.ams');
      const park = await q
        .enqueue({ app: 'a', decisionId: 'y', desired: { ams: 1 }, park: 'hibernate' as 'stop' })
        .catch((e: unknown) => e);
      expect(isGovernorError(park, 'GOV_ACTION_INVALID_REQUEST')).toBe(true);
      expect((park as Error).message).toContain('park');
      await q.close();
    });

    it('refuses new requests after close and aborts the running one', async () => {
      const g = gatedHandler();
      const q = await factory(g.handler);
      const results: ActionResult[] = [];
      q.onResult((r) => results.push(r));
      await q.enqueue(req('a', 'r1'));
      await g.started('r1');
      await q.close();
      expect(results.map((r) => [r.decisionId, r.result])).toEqual([['r1', 'error']]);
      const err = await q.enqueue(req('a', 'late')).catch((e: unknown) => e);
      expect(isGovernorError(err, 'GOV_ACTION_QUEUE_CLOSED')).toBe(true);
    });
  });
}
