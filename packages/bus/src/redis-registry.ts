import type { GovernorError } from '@governor/errors';
import type { Redis } from 'ioredis';
import type { InstanceInfo, InstanceRegistry } from './instance-registry.js';
import { quit } from './redis-bus.js';
import { openRedis } from './redis-connection.js';
import { assertConnected, wrapRedisError } from './redis-errors.js';
import {
  assertDrainMark,
  assertOpen,
  assertRegistration,
  byAppThenInstance,
  decodeInstanceInfo,
} from './validate.js';

/** Options for {@link RedisRegistry}: give `url` (it owns the connection) or `redis` (the caller does). */
export interface RedisRegistryOptions {
  url?: string;
  /** An existing connection; not closed by close(). */
  redis?: Redis;
  /** Prefix of every key. Default `governor:`. */
  prefix?: string;
  /** Clock for `heartbeatAt`, ms since epoch. Default `Date.now`. TTLs run on Redis's clock. */
  now?: () => number;
  /** Connection errors of an owned connection. */
  onError?: (err: Error) => void;
  /**
   * Called with a `GOV_BUS_DECODE` error for each stored entry that is not an
   * instance; `list` skips it (its TTL removes it). Default: ignore.
   */
  onDecodeError?: (err: GovernorError) => void;
}

/**
 * {@link InstanceRegistry} on Redis: one key per instance with a TTL
 * (`<prefix>instance:{<app>}:<instance>`, SET PX), indexed by a set per app
 * (`<prefix>instances:{<app>}`) and a set of apps (`<prefix>registry-apps`).
 * Index members whose key has expired are pruned by list(). A drain mark is
 * a key of its own with a TTL (`<prefix>draining:{<app>}:<instance>`). The
 * braces are a Redis Cluster hash tag: an app's keys share one slot, so the
 * MULTI of a registration and the MGET of a listing stay in it.
 */
export class RedisRegistry implements InstanceRegistry {
  private readonly redis: Redis;
  private readonly owned: boolean;
  private readonly prefix: string;
  private readonly now: () => number;
  private readonly onDecodeError: (err: GovernorError) => void;
  private readonly where: string;
  private closed = false;

  constructor(options: RedisRegistryOptions) {
    ({
      redis: this.redis,
      owned: this.owned,
      where: this.where,
    } = openRedis(options, 'governor-registry', 'RedisRegistry'));
    this.prefix = options.prefix ?? 'governor:';
    this.now = options.now ?? Date.now;
    this.onDecodeError = options.onDecodeError ?? (() => {});
  }

  async register(info: InstanceInfo, ttlMs: number): Promise<void> {
    assertOpen(this.closed, 'RedisRegistry');
    assertRegistration(info, ttlMs);
    assertConnected(this.redis, this.where);
    const { heartbeatAt: _ignored, draining: _derived, ...rest } = info;
    const json = JSON.stringify({ ...rest, heartbeatAt: this.now() });
    try {
      // The app's keys share one hash tag (one Redis Cluster slot); the app set lives elsewhere.
      await Promise.all([
        this.redis
          .multi()
          .set(this.instanceKey(info.app, info.instance), json, 'PX', Math.ceil(ttlMs))
          .sadd(this.indexKey(info.app), info.instance)
          .exec(),
        this.redis.sadd(this.appsKey(), info.app),
      ]);
    } catch (err) {
      throw wrapRedisError(err, 'register', this.where);
    }
  }

  async deregister(app: string, instance: string): Promise<void> {
    assertOpen(this.closed, 'RedisRegistry');
    assertConnected(this.redis, this.where);
    try {
      await this.redis
        .multi()
        .del(this.instanceKey(app, instance), this.drainKey(app, instance))
        .srem(this.indexKey(app), instance)
        .exec();
    } catch (err) {
      throw wrapRedisError(err, 'deregister', this.where);
    }
  }

  async markDraining(app: string, instance: string, ttlMs: number): Promise<void> {
    assertOpen(this.closed, 'RedisRegistry');
    assertDrainMark(app, instance, ttlMs);
    assertConnected(this.redis, this.where);
    try {
      await this.redis.set(this.drainKey(app, instance), '1', 'PX', Math.ceil(ttlMs));
    } catch (err) {
      throw wrapRedisError(err, 'markDraining', this.where);
    }
  }

  async list(app?: string): Promise<InstanceInfo[]> {
    assertOpen(this.closed, 'RedisRegistry');
    assertConnected(this.redis, this.where);
    const out: InstanceInfo[] = [];
    try {
      const apps = app === undefined ? await this.redis.smembers(this.appsKey()) : [app];
      for (const a of apps) {
        const members = await this.redis.smembers(this.indexKey(a));
        if (members.length === 0) continue;
        const values = await this.redis.mget(members.map((m) => this.instanceKey(a, m)));
        const drains = await this.redis.mget(members.map((m) => this.drainKey(a, m)));
        const gone: string[] = [];
        members.forEach((m, i) => {
          const json = values[i];
          if (json == null) {
            gone.push(m);
            return;
          }
          try {
            const { draining: _stored, ...entry } = decodeInstanceInfo(json, this.instanceKey(a, m));
            out.push(drains[i] == null ? entry : { ...entry, draining: true });
          } catch (err) {
            this.onDecodeError(err as GovernorError);
          }
        });
        if (gone.length > 0) await this.redis.srem(this.indexKey(a), ...gone);
      }
    } catch (err) {
      throw wrapRedisError(err, 'list', this.where);
    }
    return out.sort(byAppThenInstance);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.owned) await quit(this.redis);
  }

  private instanceKey(app: string, instance: string): string {
    return `${this.prefix}instance:{${app}}:${instance}`;
  }

  private drainKey(app: string, instance: string): string {
    return `${this.prefix}draining:{${app}}:${instance}`;
  }

  private indexKey(app: string): string {
    return `${this.prefix}instances:{${app}}`;
  }

  private appsKey(): string {
    return `${this.prefix}registry-apps`;
  }
}
