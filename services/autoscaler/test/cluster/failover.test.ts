import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterHarness, LEASE_TTL_MS, TICK_MS, waitFor } from './support/cluster-harness.js';

let h: ClusterHarness;
beforeAll(async () => {
  h = await ClusterHarness.start();
}, 60_000);
afterAll(async () => {
  await h?.stop();
}, 60_000);

/** Waits until the emulator runs exactly `n` started machines of `app` and nothing is in transition. */
function converged(app: string, n: number, timeoutMs = 30_000) {
  return waitFor(
    `${app} to run ${n} machines`,
    () => h.started(app).length === n && h.alive(app).length === n,
    timeoutMs,
  );
}

describe('cluster mode with three daemon processes', () => {
  it('elects exactly one leader, fails over after kill -9 within the lease TTL plus a tick, and never applies an action twice or loses one', async () => {
    await Promise.all(['r1', 'r2', 'r3'].map((id) => h.spawn(id)));
    const first = await h.oneLeader(30_000);
    // Followers are ready standbys; every replica answers /readyz 200.
    await waitFor('every replica ready', async () => {
      const r = await Promise.all(h.daemons.map((d) => d.readyz()));
      return r.every((x) => x?.status === 200);
    });

    h.load.set('web', 300);
    h.startCollectors();
    await converged('web', 3);
    expect(await h.leaders()).toEqual([first]);

    const killedAt = Date.now();
    await first.kill();
    const second = await h.oneLeader(15_000);
    const failoverMs = Date.now() - killedAt;
    expect(second).not.toBe(first);
    // Generous bound: TTL + one tick + polling and scheduling slack on a busy machine.
    expect(failoverMs).toBeLessThan(LEASE_TTL_MS + TICK_MS + 5000);
    const firstToken = await second.sample(`governor_leader_fencing_token{replica="${second.replicaId}"}`);
    expect(firstToken).toBeGreaterThan(0);

    h.load.set('web', 500);
    await converged('web', 5);
    h.load.set('web', 200);
    await converged('web', 2);

    const calls = h.calls('web');
    // 1 seeded -> 3 -> 5 -> 2: exactly four creates and three removals, each machine removed once.
    expect(calls.create).toBe(4);
    const removed = [...calls.destroy, ...calls.stop];
    expect(removed).toHaveLength(3);
    expect(new Set(removed).size).toBe(3);
    // The shadow app is decided but never touched.
    expect(h.calls('api')).toEqual({ create: 0, destroy: [], stop: [], start: [] });
  }, 120_000);
});
