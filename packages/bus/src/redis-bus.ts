import type { GovernorError } from '@governor/errors';
import type { InstanceSnapshot } from '@governor/metrics';
import type { Redis } from 'ioredis';
import { openRedis } from './redis-connection.js';
import { assertConnected, wrapRedisError } from './redis-errors.js';
import type { SnapshotBus } from './snapshot-bus.js';
import { assertOpen, assertSnapshot, byAppThenInstance, decodeSnapshot } from './validate.js';

/** Options for {@link RedisBus}: give `url` (the bus owns the connection) or `redis` (the caller does). */
export interface RedisBusOptions {
  /** Redis URL; the bus opens and closes its own connection. */
  url?: string;
  /** An existing connection (see createRedisConnection); not closed by close(). */
  redis?: Redis;
  /** Prefix of every key. Default `governor:`. Tests use a unique one each. */
  prefix?: string;
  /** Approximate length cap of each app's snapshot stream (XADD MAXLEN ~). Default 10000. */
  maxLen?: number;
  /** Instances whose newest snapshot ended more than this many ms ago are dropped. Default 3,600,000. */
  retainMs?: number;
  /** Clock, ms since epoch. Default `Date.now`. */
  now?: () => number;
  /** Connection errors of an owned connection (see createRedisConnection). */
  onError?: (err: Error) => void;
  /**
   * Called with a `GOV_BUS_DECODE` error for each stored snapshot that is not
   * one (written by something else, or corrupted). `latest` skips and removes
   * it instead of failing every read of its app. Default: ignore.
   */
  onDecodeError?: (err: GovernorError) => void;
}

/**
 * Appends to the app's stream, then replaces the instance's newest snapshot
 * in the latest hash unless the held one ends later. Both keys carry the
 * app's hash tag, so the script stays in one Redis Cluster slot.
 * KEYS: stream, latest hash. ARGV: instance, json, windowEnd, maxLen.
 */
const PUBLISH_LUA = `
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'instance', ARGV[1], 'snapshot', ARGV[2])
local held = redis.call('HGET', KEYS[2], ARGV[1])
local replace = true
if held then
  local ok, decoded = pcall(cjson.decode, held)
  if ok and type(decoded) == 'table' and tonumber(decoded['windowEnd']) ~= nil then
    replace = tonumber(decoded['windowEnd']) <= tonumber(ARGV[3])
  end
end
if replace then redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) end
return replace and 1 or 0
`;

/**
 * {@link SnapshotBus} on Redis: one stream per app (`<prefix>snapshots:{<app>}`,
 * trimmed with XADD MAXLEN ~), a hash of the newest snapshot per instance
 * (`<prefix>latest:{<app>}`) and a set of app names (`<prefix>apps`). The
 * braces are a Redis Cluster hash tag: an app's keys share one slot, and a
 * reader of some apps (an autoscaler replica's shards) reads only theirs.
 */
export class RedisBus implements SnapshotBus {
  private readonly redis: Redis;
  private readonly owned: boolean;
  private readonly prefix: string;
  private readonly maxLen: number;
  private readonly retainMs: number;
  private readonly now: () => number;
  private readonly onDecodeError: (err: GovernorError) => void;
  private readonly where: string;
  private closed = false;

  constructor(options: RedisBusOptions) {
    ({
      redis: this.redis,
      owned: this.owned,
      where: this.where,
    } = openRedis(options, 'governor-bus', 'RedisBus'));
    this.prefix = options.prefix ?? 'governor:';
    this.maxLen = options.maxLen ?? 10_000;
    this.retainMs = options.retainMs ?? 3_600_000;
    this.now = options.now ?? Date.now;
    this.onDecodeError = options.onDecodeError ?? (() => {});
  }

  /** Key of the snapshot stream of `app` (for readers of the history). */
  streamKey(app: string): string {
    return `${this.prefix}snapshots:{${app}}`;
  }

  async publish(snapshot: InstanceSnapshot): Promise<void> {
    assertOpen(this.closed, 'RedisBus');
    assertSnapshot(snapshot);
    assertConnected(this.redis, this.where);
    const keys = [this.streamKey(snapshot.app), this.latestKey(snapshot.app)];
    const args = [
      snapshot.instance,
      JSON.stringify(snapshot),
      String(snapshot.windowEnd),
      String(this.maxLen),
    ];
    try {
      // The app set is another slot: a second command (sent in the same round trip by auto-pipelining).
      await Promise.all([
        this.redis.eval(PUBLISH_LUA, keys.length, ...keys, ...args),
        this.redis.sadd(`${this.prefix}apps`, snapshot.app),
      ]);
    } catch (err) {
      throw wrapRedisError(err, 'publish', this.where);
    }
  }

  async latest(app?: string): Promise<InstanceSnapshot[]> {
    assertOpen(this.closed, 'RedisBus');
    assertConnected(this.redis, this.where);
    let apps: string[];
    try {
      apps = app === undefined ? await this.redis.smembers(`${this.prefix}apps`) : [app];
    } catch (err) {
      throw wrapRedisError(err, 'latest', this.where);
    }
    const byApp = await this.read(apps);
    const out: InstanceSnapshot[] = [];
    for (const list of byApp.values()) out.push(...list);
    return out.sort(byAppThenInstance);
  }

  async latestOf(apps: readonly string[]): Promise<Map<string, InstanceSnapshot[]>> {
    assertOpen(this.closed, 'RedisBus');
    assertConnected(this.redis, this.where);
    const byApp = await this.read(apps);
    for (const list of byApp.values()) list.sort(byAppThenInstance);
    return byApp;
  }

  /** Each app's newest snapshots (unsorted); bad and expired entries are skipped and removed. */
  private async read(apps: readonly string[]): Promise<Map<string, InstanceSnapshot[]>> {
    let replies: Record<string, string>[];
    try {
      // One command per app (their keys may live on different cluster nodes); auto-pipelining batches them.
      replies = await Promise.all(apps.map((a) => this.redis.hgetall(this.latestKey(a))));
    } catch (err) {
      throw wrapRedisError(err, 'latest', this.where);
    }
    const cutoff = this.now() - this.retainMs;
    const out = new Map<string, InstanceSnapshot[]>();
    const stale: [string, string][] = [];
    apps.forEach((a, i) => {
      const list: InstanceSnapshot[] = [];
      out.set(a, list);
      const fields = replies[i] ?? {};
      for (const instance in fields) {
        let s: InstanceSnapshot;
        try {
          s = decodeSnapshot(fields[instance] as string, `${this.latestKey(a)}[${instance}]`);
        } catch (err) {
          // One bad entry must not blind the autoscaler to the whole app; the stream keeps the history.
          stale.push([a, instance]);
          this.onDecodeError(err as GovernorError);
          continue;
        }
        if (s.windowEnd < cutoff) stale.push([a, instance]);
        else list.push(s);
      }
    });
    if (stale.length > 0) await this.forget(stale);
    return out;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.owned) await quit(this.redis);
  }

  private latestKey(app: string): string {
    return `${this.prefix}latest:{${app}}`;
  }

  private async forget(stale: [string, string][]): Promise<void> {
    try {
      await Promise.all(stale.map(([a, instance]) => this.redis.hdel(this.latestKey(a), instance)));
    } catch {
      // Best effort: the next read filters them again.
    }
  }
}

/** Closes a connection politely, or at once when Redis is not answering. */
export async function quit(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
