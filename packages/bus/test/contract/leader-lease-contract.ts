import { describe, expect, it } from 'vitest';
import type { FenceGuard, LeaderLease } from '../../src/lease/leader-lease.js';

/** What the lease contract needs of an implementation. */
export interface Harness {
  lease(id: string, ttlMs: number): LeaderLease;
  fence(): FenceGuard;
  /** Lets `ms` of lease time pass. */
  elapse(ms: number): Promise<void>;
}

/** The behaviour every LeaderLease and FenceGuard shares (memory, Redis, Redis Cluster). */
export function describeLeaderLeaseContract(name: string, setup: () => Promise<Harness>): void {
  describe(`${name} leader lease`, () => {
    it('gives the lease to exactly one replica', async () => {
      const h = await setup();
      const a = h.lease('a', 5000);
      const b = h.lease('b', 5000);
      const ra = await a.tryAcquire();
      const rb = await b.tryAcquire();
      expect(ra.leader).toBe(true);
      expect(rb.leader).toBe(false);
      expect(rb.holder).toBe('a');
      expect(rb.token).toBe(ra.token);
    });

    it('reports the current holder without acquiring', async () => {
      const h = await setup();
      const a = h.lease('a', 5000);
      const b = h.lease('b', 5000);
      expect((await b.current()).leader).toBe(false);
      const ra = await a.tryAcquire();
      const seen = await b.current();
      expect(seen).toMatchObject({ leader: false, holder: 'a', token: ra.token });
      expect((await a.current()).leader).toBe(true);
    });

    it('renews for the holder without changing the token', async () => {
      const h = await setup();
      const a = h.lease('a', 5000);
      const first = await a.tryAcquire();
      const again = await a.tryAcquire();
      expect(again.leader).toBe(true);
      expect(again.token).toBe(first.token);
    });

    it('passes to another replica with a larger token once it expires', async () => {
      const h = await setup();
      const a = h.lease('a', 150);
      // b holds for longer than the test runs: with 150 ms its lease could lapse on a busy machine
      // before a asks again, and a would rightly lead again.
      const b = h.lease('b', 5000);
      const ra = await a.tryAcquire();
      await h.elapse(300);
      const rb = await b.tryAcquire();
      expect(rb.leader).toBe(true);
      expect(rb.token).toBeGreaterThan(ra.token ?? 0);
      const ra2 = await a.tryAcquire();
      expect(ra2.leader).toBe(false);
      expect(ra2.holder).toBe('b');
    });

    it('release lets another replica lead at once, and only the holder can release', async () => {
      const h = await setup();
      const a = h.lease('a', 5000);
      const b = h.lease('b', 5000);
      await a.tryAcquire();
      await b.release();
      expect((await b.tryAcquire()).leader).toBe(false);
      await a.release();
      expect((await b.tryAcquire()).leader).toBe(true);
    });

    it('the fence refuses a token older than one already admitted', async () => {
      const h = await setup();
      const fence = h.fence();
      expect(await fence.admit('web', 5)).toBe(true);
      expect(await fence.admit('web', 5)).toBe(true);
      expect(await fence.admit('web', 7)).toBe(true);
      expect(await fence.admit('web', 6)).toBe(false);
      expect(await fence.admit('api', 1)).toBe(true);
    });
  });
}
