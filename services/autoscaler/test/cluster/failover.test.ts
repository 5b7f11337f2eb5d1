import { BullMQActionQueue } from '@governor/actions';
import { createRedisConnection } from '@governor/bus';
import { beforeEach, describe, expect, it } from 'vitest';
import { ClusterHarness, LEASE_TTL_MS, TICK_MS, waitFor } from './support/cluster-harness.js';
import type { DaemonProcess } from './support/daemon-process.js';
import { stopAfterEach } from './support/stop-after-each.js';

let h: ClusterHarness;
stopAfterEach(() => h);

/** Decisions a replica recorded at or after `since` (ms since epoch), from its API. */
async function decisionsSince(d: DaemonProcess, since: number): Promise<Array<{ at: number; app: string }>> {
  const res = await fetch(`${d.url}/v1/decisions?since=${since}&limit=1000`);
  const body = (await res.json()) as { decisions: Array<{ at: number; app: string }> };
  return body.decisions.filter((r) => r.at >= since);
}

/** Sum of a series over the running replicas. */
async function total(series: string): Promise<number> {
  const values = await Promise.all(h.daemons.filter((d) => d.running).map((d) => d.sample(series)));
  return values.reduce<number>((a, v) => a + (v ?? 0), 0);
}

/** Waits until the emulator runs exactly `n` started machines of `app` and nothing is in transition. */
function converged(app: string, n: number, timeoutMs = 30_000) {
  return waitFor(
    `${app} to run ${n} machines`,
    () => h.started(app).length === n && h.alive(app).length === n,
    timeoutMs,
  );
}

// One shard: a single leader decides every app, as before shards existed.
describe.each(['single', 'cluster'] as const)(
  'cluster mode with three daemon processes on a %s Redis',
  (backend) => {
    beforeEach(async () => {
      h = await ClusterHarness.start({ backend });
    }, 90_000);

    it('elects exactly one leader, fails over after kill -9 within the lease TTL plus a tick, and never applies an action twice or loses one', async () => {
      await Promise.all(['r1', 'r2', 'r3'].map((id) => h.spawn(id)));
      await h.allStarted();
      const first = await h.oneLeader(30_000);
      // Followers are ready standbys; every replica answers /readyz 200.
      await h.allReady();

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
    }, 180_000);

    it('survives a Redis restart: keeps serving, reports not ready with the reason, stops acting, shuts down cleanly, then resumes without applying anything twice', async () => {
      await Promise.all(['r1', 'r2'].map((id) => h.spawn(id)));
      await h.allStarted();
      await h.oneLeader(30_000);
      await h.allReady();
      h.load.set('web', 200);
      h.startCollectors();
      await converged('web', 2);
      const before = h.calls('web');

      // Kill Redis in the middle of acting: as soon as the scale-up to 4 has made its first create.
      h.load.set('web', 400);
      await waitFor('the scale-up to start', () => h.calls('web').create > before.create);
      await h.redis.kill();
      for (const d of h.daemons) {
        const r = await waitFor(`${d.replicaId} to report not ready`, async () => {
          const x = await d.readyz();
          return x?.status === 503 ? x : undefined;
        });
        expect(r.body.reason).toMatch(/lease store unreachable/);
        expect((await fetch(`${d.url}/healthz`)).status).toBe(200);
        await waitFor(`${d.replicaId} to step down`, async () => (await d.leader()) === 0);
      }
      // Nobody leads while Redis is away, so nothing acts (a provider call already in flight may land).
      const during = h.calls('web');
      await new Promise((r) => setTimeout(r, LEASE_TTL_MS + 2 * TICK_MS));
      expect(h.calls('web')).toEqual(during);

      // A graceful shutdown does not wait for Redis: r2 drains what it can and exits 0.
      const r2 = h.daemons[1];
      r2?.signal('SIGTERM');
      expect(await r2?.exited).toBe(0);

      await h.redis.start();
      await h.oneLeader(30_000);
      await h.allReady();
      await converged('web', 4);
      expect(h.daemons[0]?.running).toBe(true);
      const calls = h.calls('web');
      expect(calls.create).toBe(3);
      expect([...calls.destroy, ...calls.stop]).toEqual([]);
    }, 180_000);

    it('a deposed leader (SIGSTOP, then SIGCONT) cannot act with its old token', async () => {
      await Promise.all(['r1', 'r2', 'r3'].map((id) => h.spawn(id)));
      await h.allStarted();
      const old = await h.oneLeader(30_000);
      await h.allReady();
      const oldToken = await old.sample(`governor_leader_fencing_token{replica="${old.replicaId}"}`);
      expect(oldToken).toBeGreaterThan(0);
      h.load.set('web', 200);
      h.startCollectors();
      await converged('web', 2);

      old.signal('SIGSTOP');
      const stoppedAt = Date.now();
      const others = h.daemons.filter((d) => d !== old);
      const next = await h.oneLeader(15_000, others);
      const newToken = await next.sample(`governor_leader_fencing_token{replica="${next.replicaId}"}`);
      expect(newToken).toBeGreaterThan(oldToken ?? Number.POSITIVE_INFINITY);

      // A request stamped with the old token (what the paused leader would send) is refused by the workers...
      const connection = createRedisConnection(h.redis.url, { forBullMQ: true });
      const producer = new BullMQActionQueue({ connection, prefix: '{governor}' });
      try {
        await producer.enqueue({
          app: 'api',
          desired: { ams: 6 },
          decisionId: 'stale',
          fencingToken: oldToken,
        });
        await waitFor(
          'the stale request to be rejected',
          async () =>
            (await total('governor_actions_total{app="api",action="reconcile",result="rejected"}')) >= 1,
        );
        expect(h.calls('api').create).toBe(0);
        // ...while the same request with the new leader's token acts (the fence is not refusing everything).
        await producer.enqueue({
          app: 'api',
          desired: { ams: 2 },
          decisionId: 'fresh',
          fencingToken: newToken,
        });
        await converged('api', 2);
      } finally {
        await producer.close();
        connection.disconnect();
      }

      h.load.set('web', 400);
      await converged('web', 4);
      old.signal('SIGCONT');
      const resumedAt = Date.now();
      await waitFor('the old leader to know it was deposed', async () => (await old.leader()) === 0);
      await new Promise((r) => setTimeout(r, 4 * TICK_MS));
      // The resumed replica decided nothing after it was paused, and the fleet is exactly what the new leader asked.
      expect(await decisionsSince(old, stoppedAt + 1000)).toEqual([]);
      expect(resumedAt).toBeGreaterThan(stoppedAt + LEASE_TTL_MS);
      expect(await h.leaders()).toEqual([next]);
      await converged('web', 4);
      const calls = h.calls('web');
      expect(calls.create).toBe(3);
      expect([...calls.destroy, ...calls.stop]).toEqual([]);
      expect(h.calls('api').create).toBe(1);
    }, 180_000);
  },
);
