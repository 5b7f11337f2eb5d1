import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisConnection, RedisBus } from '@governor/bus';
import type { InstanceSnapshot } from '@governor/metrics';
import { type FlyEmulator, startFlyEmulator } from '@governor/provider-emulators';
import { freePort, startRedis, startRedisCluster } from '@governor/testkit';
import type { Cluster, Redis } from 'ioredis';
import { clusterPolicy } from './cluster-policy.js';
import { DaemonProcess } from './daemon-process.js';

/** A Redis Cluster client, not a single-node one (createRedisConnection gives either, typed as Redis). */
const isCluster = (client: object): client is Cluster => 'isCluster' in client && client.isCluster === true;

/** Machine config the emulator seeds (the Fly provider copies it for new machines). */
const MACHINE_CONFIG = {
  image: 'registry.fly.io/web:deployment-01',
  guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 256 },
  metadata: { fly_process_group: 'app' },
};

export const TICK_MS = 300;
export const LEASE_TTL_MS = 1500;

/** Where the replicas' Redis runs: one redis-server, or a Redis Cluster of three masters. */
export type Backend = 'single' | 'cluster';

/** What the tests do with either backend. */
export interface RedisBackend {
  readonly url: string;
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of {@link ClusterHarness.start}. */
export interface HarnessOptions {
  /** Default `single`. */
  readonly backend?: Backend;
  /** `daemon.shards`. Default 1 (a single leader). */
  readonly shards?: number;
  /** More active apps like `web`, each seeded with one machine. */
  readonly extraApps?: readonly string[];
}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/**
 * A private Redis, a Fly Machines API emulator (the shared provider), a
 * policy file, autoscaler daemon processes, and simulated collectors that
 * publish one snapshot per started machine into the Redis bus, splitting a
 * total request rate the test sets per app.
 */
export class ClusterHarness {
  readonly daemons: DaemonProcess[] = [];
  readonly load = new Map<string, number>();
  private publisher: NodeJS.Timeout | undefined;
  private publishing: Promise<void> | undefined;
  private busRedis: Redis | undefined;
  private bus: RedisBus | undefined;

  private constructor(
    readonly redis: RedisBackend,
    readonly fly: FlyEmulator,
    readonly dir: string,
    readonly configPath: string,
  ) {}

  static async start(o: HarnessOptions = {}): Promise<ClusterHarness> {
    const redis: RedisBackend = o.backend === 'cluster' ? await startRedisCluster() : await startRedis();
    const apps = ['web', 'api', ...(o.extraApps ?? [])];
    const fly = await startFlyEmulator({
      apps,
      rateLimit: false,
      timings: { boot: 100, start: 50, stop: 50, destroy: 30, health: 20 },
    });
    for (const app of apps) fly.seedMachine({ app, region: 'ams', config: MACHINE_CONFIG });
    const dir = mkdtempSync(join(tmpdir(), 'governor-cluster-'));
    const configPath = join(dir, 'governor.yaml');
    writeFileSync(
      configPath,
      clusterPolicy({
        apiUrl: fly.url,
        tickMs: TICK_MS,
        leaseTtlMs: LEASE_TTL_MS,
        ...(o.shards ? { shards: o.shards } : {}),
        ...(o.extraApps ? { extraApps: o.extraApps } : {}),
      }),
    );
    const h = new ClusterHarness(redis, fly, dir, configPath);
    h.busRedis = createRedisConnection(redis.url, { name: 'test-collectors' });
    h.bus = new RedisBus({ redis: h.busRedis });
    return h;
  }

  /** Spawns a daemon replica `id` on a free port. */
  async spawn(id: string): Promise<DaemonProcess> {
    const d = new DaemonProcess(id, await freePort(), this.configPath, {
      REDIS_URL: this.redis.url,
      FLY_API_TOKEN: this.fly.token,
    });
    this.daemons.push(d);
    return d;
  }

  /** Starts publishing snapshots every 200 ms. */
  startCollectors(): void {
    this.publisher = setInterval(() => {
      this.publishing ??= this.publishOnce().finally(() => {
        this.publishing = undefined;
      });
    }, 200);
    this.publisher.unref();
  }

  /**
   * Every shard's lease holder and token, read from Redis (`undefined` while
   * a shard is free).
   */
  async owners(shards: number): Promise<Array<{ holder: string; token: number } | undefined>> {
    const values = await Promise.all(
      Array.from({ length: shards }, (_, s) => this.busRedis?.get(`governor:{shard-${s}}:leader`)),
    );
    return values.map((v) => {
      if (!v) return undefined;
      const i = v.indexOf('|');
      return { holder: v.slice(0, i), token: Number(v.slice(i + 1)) };
    });
  }

  /**
   * How many shard lease keys each Redis Cluster master holds (one entry per
   * master), or undefined on a single Redis: shows that the shards really
   * live in different slots on different nodes.
   */
  async leaseKeysPerMaster(): Promise<number[] | undefined> {
    const client: object | undefined = this.busRedis;
    if (!client || !isCluster(client)) return undefined;
    return Promise.all(
      client.nodes('master').map(async (node) => (await node.keys('governor:{shard-*}:leader')).length),
    );
  }

  /** Started machines of an app, per the emulator. */
  started(app: string): string[] {
    return this.fly.state
      .machines(app)
      .filter((m) => m.state === 'started')
      .map((m) => m.id);
  }

  /** Machines of an app that are not destroyed (any state). */
  alive(app: string): string[] {
    return this.fly.state
      .machines(app)
      .filter((m) => m.state !== 'destroyed' && m.state !== 'destroying')
      .map((m) => m.id);
  }

  /** Successful mutating calls the emulator served for an app, by kind. */
  calls(app: string): { create: number; destroy: string[]; stop: string[]; start: string[] } {
    const out = { create: 0, destroy: [] as string[], stop: [] as string[], start: [] as string[] };
    for (const r of this.fly.state.requests) {
      const path = r.path.split('?')[0] ?? '';
      if (r.status !== 200) continue;
      if (r.method === 'POST' && path === `/v1/apps/${app}/machines`) out.create++;
      const m = new RegExp(`^/v1/apps/${app}/machines/([^/]+)(?:/(stop|start))?$`).exec(path);
      if (!m?.[1]) continue;
      if (r.method === 'DELETE' && !m[2]) out.destroy.push(m[1]);
      if (r.method === 'POST' && m[2] === 'stop') out.stop.push(m[1]);
      if (r.method === 'POST' && m[2] === 'start') out.start.push(m[1]);
    }
    return out;
  }

  /** The replicas that report governor_leader 1 (unreachable ones are left out). */
  async leaders(): Promise<DaemonProcess[]> {
    const alive = this.daemons.filter((d) => d.running);
    const flags = await Promise.all(alive.map((d) => d.leader()));
    return alive.filter((_, i) => flags[i] === 1);
  }

  /** Waits until exactly one running replica leads, and returns it. */
  async oneLeader(timeoutMs = 20_000, among?: readonly DaemonProcess[]): Promise<DaemonProcess> {
    return waitFor(
      'exactly one leader',
      async () => {
        const l = await this.leaders();
        const pool = among ?? this.daemons;
        return l.length === 1 && l[0] && pool.includes(l[0]) ? l[0] : undefined;
      },
      timeoutMs,
    );
  }

  /**
   * Waits until every spawned replica has logged that it started. Generous:
   * a cold start compiles the sources with tsx, which on a loaded machine can
   * take most of a minute.
   */
  async allStarted(timeoutMs = 90_000): Promise<void> {
    await waitFor(
      'every replica to start',
      () => {
        for (const d of this.daemons) {
          if (!d.running) throw new Error(`${d.replicaId} exited at start: ${d.logs.slice(-5).join(' | ')}`);
        }
        return this.daemons.every((d) => d.logs.some((l) => l.includes('"autoscaler started"')));
      },
      timeoutMs,
    );
  }

  /** Waits until every running replica answers /readyz 200 (followers included: they are ready standbys). */
  async allReady(timeoutMs = 30_000): Promise<void> {
    await waitFor(
      'every replica ready',
      async () => {
        const r = await Promise.all(this.daemons.filter((d) => d.running).map((d) => d.readyz()));
        return r.every((x) => x?.status === 200);
      },
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    if (this.publisher) clearInterval(this.publisher);
    // The daemons first: nothing below may leave them running if it fails.
    await Promise.all(this.daemons.map((d) => d.kill()));
    await this.publishing;
    await this.bus?.close();
    this.busRedis?.disconnect();
    await this.fly.close();
    await this.redis.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async publishOnce(): Promise<void> {
    const now = Date.now();
    for (const [app, total] of this.load) {
      const ids = this.started(app);
      // One app's snapshots go out together (one pipelined round trip), so a tick never reads
      // half of them at the old rate and half at the new one and scales past the load.
      const snapshots = ids.map(
        (id): InstanceSnapshot => ({
          version: 1,
          app,
          instance: id,
          region: 'ams',
          windowStart: now - 1000,
          windowEnd: now,
          ready: true,
          requests: { rate: total / ids.length, errorRatio: 0, count: Math.round(total / ids.length) },
          custom: {},
          scrape: { up: true, ok: 1, failed: 0 },
        }),
      );
      // Redis may be down (outage tests): collectors just try again next window.
      await Promise.all(snapshots.map((s) => this.bus?.publish(s).catch(() => undefined)));
    }
  }
}
