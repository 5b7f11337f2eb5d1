import type { Redis } from 'ioredis';
import type { FenceGuard, LeaderLease, LeaseStatus } from './leader-lease.js';

/**
 * Acquire-or-renew in one round trip. The lease value is `<replica>|<token>`;
 * a new holder takes a token larger than the last one and than the server's
 * clock in ms (so tokens keep growing even when a Redis without persistence
 * restarts empty), and sets the lease with SET NX PX.
 */
const ACQUIRE = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local sep = string.find(cur, '|', 1, true)
  local holder = string.sub(cur, 1, sep - 1)
  local token = tonumber(string.sub(cur, sep + 1))
  if holder == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return {1, token, holder}
  end
  return {0, token, holder}
end
local t = redis.call('TIME')
local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local token = math.max(last + 1, ms)
redis.call('SET', KEYS[2], string.format('%d', token))
local ok = redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'NX', 'PX', ARGV[2])
if ok then return {1, token, ARGV[1]} end
return {0, token, ''}
`;

/** Deletes the lease only when this replica still holds it. */
const RELEASE = `
local cur = redis.call('GET', KEYS[1])
if cur and string.sub(cur, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. '|' then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** Admits a token when it is >= the highest admitted for the app. */
const ADMIT = `
local highest = tonumber(redis.call('GET', KEYS[1]) or '0')
local token = tonumber(ARGV[1])
if token < highest then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
return 1
`;

/** Options for {@link RedisLeaderLease}. */
export interface RedisLeaseOptions {
  /** Key prefix. Default `governor:`. */
  prefix?: string;
  /** Lease time-to-live in ms; renew well within it (e.g. every ttl/3). */
  ttlMs: number;
}

/** Leader lease in Redis with a monotonically increasing fencing token. */
export class RedisLeaderLease implements LeaderLease {
  private readonly leaseKey: string;
  private readonly tokenKey: string;

  constructor(
    private readonly redis: Redis,
    readonly replicaId: string,
    private readonly options: RedisLeaseOptions,
  ) {
    if (replicaId.includes('|')) throw new Error('replica id must not contain "|"');
    const prefix = options.prefix ?? 'governor:';
    this.leaseKey = `${prefix}leader`;
    this.tokenKey = `${prefix}leader:token`;
  }

  async tryAcquire(): Promise<LeaseStatus> {
    const r = (await this.redis.eval(
      ACQUIRE,
      2,
      this.leaseKey,
      this.tokenKey,
      this.replicaId,
      String(this.options.ttlMs),
    )) as [number, number, string];
    const [leader, token, holder] = r;
    return { leader: leader === 1, token, ...(holder ? { holder } : {}) };
  }

  async current(): Promise<LeaseStatus> {
    const cur = await this.redis.get(this.leaseKey);
    if (cur === null) return { leader: false };
    const sep = cur.indexOf('|');
    const holder = cur.slice(0, sep);
    return { leader: holder === this.replicaId, token: Number(cur.slice(sep + 1)), holder };
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.leaseKey, this.replicaId);
  }
}

/** Redis {@link FenceGuard}: one key per app holding the highest admitted token. */
export class RedisFenceGuard implements FenceGuard {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    prefix = 'governor:',
  ) {
    this.prefix = `${prefix}fence:`;
  }

  async admit(app: string, token: number): Promise<boolean> {
    const r = (await this.redis.eval(ADMIT, 1, this.prefix + app, String(token))) as number;
    return r === 1;
  }
}
