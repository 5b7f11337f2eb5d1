import type { Redis } from 'ioredis';

/**
 * Registers this replica with a heartbeat and reads the live ones, in one
 * round trip on one key (a sorted set scored by expiry on the Redis server's
 * clock, so replicas' clocks need not agree).
 */
const HEARTBEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if ARGV[2] == '1' then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
return redis.call('ZRANGE', KEYS[1], 0, -1)
`;

/** Options of {@link RedisReplicaSet}. */
export interface RedisReplicaSetOptions {
  /** Key prefix. Default `governor:`. */
  readonly prefix?: string;
  /** A replica that has not sent a heartbeat for this long (ms) is no longer live. */
  readonly ttlMs: number;
}

/** The live autoscaler replicas (`<prefix>replicas`), each kept alive by its heartbeat. */
export class RedisReplicaSet {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    readonly replicaId: string,
    private readonly options: RedisReplicaSetOptions,
  ) {
    this.key = `${options.prefix ?? 'governor:'}replicas`;
  }

  /** Renews this replica's heartbeat; the live replicas (this one included), sorted. */
  async heartbeat(): Promise<string[]> {
    return this.run(true);
  }

  /** Leaves the set at once (graceful shutdown); the live replicas left. */
  async leave(): Promise<string[]> {
    return this.run(false);
  }

  private async run(join: boolean): Promise<string[]> {
    const r = (await this.redis.eval(
      HEARTBEAT,
      1,
      this.key,
      this.replicaId,
      join ? '1' : '0',
      String(this.options.ttlMs),
    )) as string[];
    return [...r].sort();
  }
}
