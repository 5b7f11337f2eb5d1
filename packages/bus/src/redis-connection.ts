import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** Options for {@link createRedisConnection}. */
export interface RedisConnectionOptions {
  /**
   * A connection for BullMQ: `maxRetriesPerRequest: null` and no command
   * timeout, as BullMQ requires. Default false (a bus connection whose
   * commands fail fast while Redis is down).
   */
  forBullMQ?: boolean;
  /**
   * Called with every connection error (refused, reset, auth). Default: a
   * no-op. A listener is always attached, so an error never crashes the
   * process as an unhandled 'error' event.
   */
  onError?: (err: Error) => void;
  /** Connection name shown by `CLIENT LIST`. Default `governor`. */
  name?: string;
  /** Reject a command that got no reply within this many ms (bus connections). Default 2000. */
  commandTimeoutMs?: number;
  /** Give up a connection attempt after this many ms. Default 2000. */
  connectTimeoutMs?: number;
  /** Connect on the first command instead of at once. Default false. */
  lazyConnect?: boolean;
}

/**
 * An ioredis connection to `url` (`redis://[:password@]host:port[/db]`,
 * `rediss://` for TLS) with an 'error' listener attached. It reconnects
 * forever with a capped backoff (50 ms per attempt, at most 2 s). Commands
 * issued in the same event-loop turn go out as one pipeline (auto-pipelining;
 * not on BullMQ connections, which block, nor on a Redis Cluster).
 *
 * `redis-cluster://[:password@]host:port[,host:port...]` (or
 * `rediss-cluster://` for TLS) opens a Redis Cluster client seeded with those
 * nodes instead. It is typed as `Redis` because it answers the same commands
 * the bus, lease and queues use; every multi-key script they run keeps its
 * keys in one slot (hash tags).
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions = {}): Redis {
  const common: RedisOptions = {
    connectionName: options.name ?? 'governor',
    connectTimeout: options.connectTimeoutMs ?? 2000,
    lazyConnect: options.lazyConnect ?? false,
    retryStrategy: (times) => Math.min(times * 50, 2000),
  };
  const specific: RedisOptions = options.forBullMQ
    ? { maxRetriesPerRequest: null, enableReadyCheck: false }
    : { maxRetriesPerRequest: 1, commandTimeout: options.commandTimeoutMs ?? 2000 };
  const seeds = clusterSeeds(url);
  if (seeds) {
    const cluster = new Cluster(seeds.nodes, {
      redisOptions: { ...common, ...specific, ...seeds.auth, ...(seeds.tls ? { tls: {} } : {}) },
      lazyConnect: options.lazyConnect ?? false,
      // Not on a cluster: an auto-pipelined command waits for the slot map without any timeout.
      enableAutoPipelining: false,
      clusterRetryStrategy: (times) => Math.min(times * 50, 2000),
      ...(options.forBullMQ ? { enableReadyCheck: false } : {}),
    });
    if (!options.forBullMQ) timeEveryCommand(cluster, options.commandTimeoutMs ?? 2000);
    const onError = options.onError;
    cluster.on('error', (err: Error) => onError?.(err));
    // Same command surface; see the TSDoc above.
    return cluster as unknown as Redis;
  }
  const redis = new Redis(url, { ...common, ...specific, enableAutoPipelining: !options.forBullMQ });
  const onError = options.onError;
  redis.on('error', (err: Error) => onError?.(err));
  return redis;
}

/**
 * A node's `commandTimeout` only runs once a command is written to that
 * node; a command the cluster client holds while no node is reachable (its
 * offline queue) would wait forever, and with it a lease renewal, a release
 * at shutdown or a tick. Every command of the client gets the timeout from
 * the moment it is issued instead.
 */
function timeEveryCommand(cluster: Cluster, ms: number): void {
  const send = cluster.sendCommand.bind(cluster);
  cluster.sendCommand = (command, stream, node) => {
    command.setTimeout(ms);
    return send(command, stream, node);
  };
}

/** True for a `redis-cluster://` or `rediss-cluster://` URL. */
export function isClusterUrl(url: string): boolean {
  return /^rediss?-cluster:\/\//.test(url);
}

interface ClusterSeeds {
  readonly nodes: { host: string; port: number }[];
  readonly auth: { username?: string; password?: string };
  readonly tls: boolean;
}

/** The seed nodes and credentials of a cluster URL; undefined for any other URL. */
function clusterSeeds(url: string): ClusterSeeds | undefined {
  const m = /^(rediss?)-cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)\/?$/.exec(url);
  if (!m) {
    if (isClusterUrl(url))
      throw new TypeError('a Redis Cluster URL is redis-cluster://[:password@]host:port[,host:port...]');
    return undefined;
  }
  const nodes = (m[4] ?? '').split(',').map((hp) => {
    const i = hp.lastIndexOf(':');
    const port = Number(hp.slice(i + 1));
    if (i < 0 || !Number.isInteger(port)) throw new TypeError(`not host:port in a Redis Cluster URL: ${hp}`);
    return { host: hp.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port };
  });
  const auth = {
    ...(m[2] ? { username: decodeURIComponent(m[2]) } : {}),
    ...(m[3] ? { password: decodeURIComponent(m[3]) } : {}),
  };
  return { nodes, auth, tls: m[1] === 'rediss' };
}

/** `url` with any password replaced by `***`, for logs and error messages. */
export function redactRedisUrl(url: string): string {
  if (isClusterUrl(url)) return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid redis url>';
  }
}

/** Either a URL to connect to, or a connection the caller owns. */
export interface RedisSource {
  url?: string;
  redis?: Redis;
  onError?: (err: Error) => void;
}

/** A connection, whether this object must close it, and its redacted address for errors. */
export interface OpenedRedis {
  readonly redis: Redis;
  readonly owned: boolean;
  readonly where: string;
}

/**
 * Uses the caller's connection when given one (not owned), otherwise opens
 * one named `name` from the URL (owned: the user closes it).
 */
export function openRedis(source: RedisSource, name: string, user: string): OpenedRedis {
  let redis: Redis;
  let owned: boolean;
  if (source.redis) {
    redis = source.redis;
    owned = false;
  } else if (source.url) {
    const onError = source.onError;
    redis = createRedisConnection(source.url, { name, ...(onError ? { onError } : {}) });
    owned = true;
  } else {
    throw new TypeError(`${user} needs either url or redis`);
  }
  const isCluster = (redis as { isCluster?: boolean }).isCluster === true;
  const where = source.url
    ? redactRedisUrl(source.url)
    : isCluster
      ? 'a Redis Cluster'
      : `redis://${redis.options.host}:${redis.options.port}`;
  return { redis, owned, where };
}
