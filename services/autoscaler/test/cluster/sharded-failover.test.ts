import { BullMQActionQueue } from '@governor/actions';
import { createRedisConnection, shardOf } from '@governor/bus';
import { beforeEach, describe, expect, it } from 'vitest';
import { ClusterHarness, LEASE_TTL_MS, waitFor } from './support/cluster-harness.js';
import { stopAfterEach } from './support/stop-after-each.js';

const SHARDS = 8;
const EXTRA = ['app-1', 'app-2', 'app-3', 'app-4', 'app-5', 'app-6'];
/** Every active app (`api` is shadow: decided, never acted on). */
const ACTIVE = ['web', ...EXTRA];

let h: ClusterHarness;
stopAfterEach(() => h);

type Owners = Awaited<ReturnType<ClusterHarness['owners']>>;

/** Waits until every shard is held by one of `replicas` and each holds its even share (within one). */
function balancedAmong(replicas: readonly string[], timeoutMs = 60_000): Promise<Owners> {
  return waitFor(
    `the ${SHARDS} shards to be shared evenly by ${replicas.join(', ')}`,
    async () => {
      const o = await h.owners(SHARDS);
      const counts = new Map(replicas.map((r) => [r, 0]));
      for (const x of o) {
        if (!x || !counts.has(x.holder)) return undefined;
        counts.set(x.holder, (counts.get(x.holder) ?? 0) + 1);
      }
      const n = [...counts.values()];
      return Math.max(...n) - Math.min(...n) <= 1 ? o : undefined;
    },
    timeoutMs,
  );
}

/** Waits until the emulator runs exactly `n` started machines of every app in `apps`, none in transition. */
function converged(apps: readonly string[], n: number, timeoutMs = 60_000) {
  return waitFor(
    `${apps.join(', ')} to run ${n} machines each`,
    () => apps.every((app) => h.started(app).length === n && h.alive(app).length === n),
    timeoutMs,
  );
}

/** Provider calls per active app: `creates` each, and no machine stopped, started or destroyed. */
function expectExactly(creates: number): void {
  for (const app of ACTIVE) {
    const calls = h.calls(app);
    expect({ app, create: calls.create, removed: [...calls.destroy, ...calls.stop] }).toEqual({
      app,
      create: creates,
      removed: [],
    });
  }
  expect(h.calls('api')).toEqual({ create: 0, destroy: [], stop: [], start: [] });
}

function setLoad(rps: number): void {
  for (const app of ACTIVE) h.load.set(app, rps);
}

describe.each(['single', 'cluster'] as const)('sharded cluster mode (%s Redis)', (backend) => {
  beforeEach(async () => {
    h = await ClusterHarness.start({ backend, shards: SHARDS, extraApps: EXTRA });
  }, 90_000);

  it('shares the shards evenly; kill -9 of a replica moves only its shards, whose apps then scale, nothing applied twice or lost', async () => {
    await Promise.all(['r1', 'r2', 'r3'].map((id) => h.spawn(id)));
    await h.allStarted();
    await h.allReady();
    await balancedAmong(['r1', 'r2', 'r3']);
    const perMaster = await h.leaseKeysPerMaster();
    if (backend === 'cluster') {
      // Three masters, and the shards' leases spread over more than one of them (hash tags per shard).
      expect(perMaster).toHaveLength(3);
      expect(perMaster?.reduce((a, b) => a + b, 0)).toBe(SHARDS);
      expect(perMaster?.filter((k) => k > 0).length).toBeGreaterThan(1);
    } else {
      expect(perMaster).toBeUndefined();
    }
    setLoad(200);
    h.startCollectors();
    await converged(ACTIVE, 2);

    const before = await balancedAmong(['r1', 'r2', 'r3']);
    const victimId = before[shardOf('web', SHARDS)]?.holder;
    const victim = h.daemons.find((d) => d.replicaId === victimId);
    if (!victim) throw new Error('no owner of web');
    await victim.kill();
    const survivors = ['r1', 'r2', 'r3'].filter((r) => r !== victimId);
    const after = await balancedAmong(survivors, 30_000);
    for (let s = 0; s < SHARDS; s++) {
      if (before[s]?.holder === victimId) {
        // A moved shard has a new owner with a larger token.
        expect(after[s]?.holder).not.toBe(victimId);
        expect(after[s]?.token).toBeGreaterThan(before[s]?.token ?? Number.POSITIVE_INFINITY);
      } else {
        // Nobody else's shard moved: same holder.
        expect(after[s]?.holder).toBe(before[s]?.holder);
      }
    }

    // Every app, those of the moved shards included, is decided and acted on by its (new) owner.
    setLoad(400);
    await converged(ACTIVE, 4);
    expectExactly(3);
  }, 300_000);

  it('a paused replica (SIGSTOP) loses its shards, its old token is refused, and after SIGCONT it gets an even share back under new tokens', async () => {
    await Promise.all(['r1', 'r2', 'r3'].map((id) => h.spawn(id)));
    await h.allStarted();
    await h.allReady();
    const before = await balancedAmong(['r1', 'r2', 'r3']);
    setLoad(200);
    h.startCollectors();
    await converged(ACTIVE, 2);

    // Pause the owner of the shadow app's shard: a request for it is only ever the test's.
    const apiShard = shardOf('api', SHARDS);
    const old = before[apiShard];
    const victim = h.daemons.find((d) => d.replicaId === old?.holder);
    if (!victim || !old) throw new Error('no owner of api');
    victim.signal('SIGSTOP');
    const survivors = ['r1', 'r2', 'r3'].filter((r) => r !== victim.replicaId);
    const moved = await balancedAmong(survivors, 30_000);
    expect(moved[apiShard]?.token).toBeGreaterThan(old.token);

    const connection = createRedisConnection(h.redis.url, { forBullMQ: true });
    const producer = new BullMQActionQueue({ connection });
    try {
      await producer.enqueue({
        app: 'api',
        desired: { ams: 6 },
        decisionId: 'stale',
        fencingToken: old.token,
      });
      await waitFor('the stale request to be rejected', async () => {
        const values = await Promise.all(
          h.daemons
            .filter((d) => d !== victim && d.running)
            .map((d) => d.sample('governor_actions_total{app="api",action="reconcile",result="rejected"}')),
        );
        return values.reduce<number>((a, v) => a + (v ?? 0), 0) >= 1;
      });
      expect(h.calls('api').create).toBe(0);
    } finally {
      await producer.close();
      connection.disconnect();
    }

    victim.signal('SIGCONT');
    const highest = Math.max(...moved.map((x) => x?.token ?? 0));
    const rebalanced = await balancedAmong(['r1', 'r2', 'r3']);
    for (const x of rebalanced) {
      if (x?.holder === victim.replicaId) expect(x.token).toBeGreaterThan(highest);
    }
    setLoad(400);
    await converged(ACTIVE, 4);
    expectExactly(3);
  }, 300_000);

  it('a replica joining mid-scale-up takes over part of the shards; every app reaches its target once', async () => {
    await h.spawn('r1');
    await h.allStarted();
    await h.allReady();
    await balancedAmong(['r1']);
    setLoad(200);
    h.startCollectors();
    await converged(ACTIVE, 2);

    setLoad(600);
    await waitFor('the scale-up to start', () => ACTIVE.some((app) => h.calls(app).create > 1));
    await Promise.all(['r2', 'r3'].map((id) => h.spawn(id)));
    await h.allStarted();
    await balancedAmong(['r1', 'r2', 'r3']);
    await converged(ACTIVE, 6, 90_000);
    expectExactly(5);
  }, 300_000);

  it('survives a Redis restart: every replica steps down and acts on nothing while it is away, then the shards are claimed again and nothing is applied twice', async () => {
    await Promise.all(['r1', 'r2'].map((id) => h.spawn(id)));
    await h.allStarted();
    await h.allReady();
    await balancedAmong(['r1', 'r2']);
    setLoad(200);
    h.startCollectors();
    await converged(ACTIVE, 2);

    setLoad(400);
    await waitFor('the scale-up to start', () => ACTIVE.some((app) => h.calls(app).create > 1));
    await h.redis.kill();
    for (const d of h.daemons) {
      const r = await waitFor(`${d.replicaId} to report not ready`, async () => {
        const x = await d.readyz();
        return x?.status === 503 ? x : undefined;
      });
      expect(r.body.reason).toMatch(/lease store unreachable/);
      await waitFor(`${d.replicaId} to step down`, async () => (await d.leader()) === 0);
    }
    const during = ACTIVE.map((app) => h.calls(app));
    // Nobody leads while Redis is away: for several lease terms, no provider call lands.
    await new Promise((r) => setTimeout(r, 3 * LEASE_TTL_MS));
    expect(ACTIVE.map((app) => h.calls(app))).toEqual(during);

    await h.redis.start();
    await balancedAmong(['r1', 'r2']);
    await converged(ACTIVE, 4, 90_000);
    expectExactly(3);
  }, 300_000);
});
