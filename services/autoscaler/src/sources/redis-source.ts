import type { QueueTarget, RedisSourceConfig } from '@governor/config';
import { describeError, GovernorError } from '@governor/errors';
import type { Observations } from '@governor/scaler';
import { Redis } from 'ioredis';
import { machineObservations } from './machine-observations.js';
import type { MetricSource, ObserveRequest } from './metric-source.js';
import { readBacklog } from './queue-backlog.js';

/**
 * Reads queue backlogs (BullMQ queues, plain lists) from Redis for `queue`
 * targets. Machines carry no metrics: a worker's load is its backlog. A
 * Redis that does not answer within the source timeout rejects the read
 * (`GOV_SOURCE_TIMEOUT` / `GOV_SOURCE_UNREACHABLE`).
 */
export class RedisSource implements MetricSource {
  readonly type = 'redis' as const;
  readonly name: string;
  private client: Redis | undefined;

  constructor(private readonly config: RedisSourceConfig) {
    this.name = config.name;
  }

  async observe(req: ObserveRequest): Promise<Observations> {
    const redis = this.connection();
    const targets = req.app.targets.filter((t): t is QueueTarget => t.type === 'queue');
    const values = await this.withTimeout(Promise.all(targets.map((t) => readBacklog(redis, t))));
    req.signal.throwIfAborted();
    const external: Record<string, number> = {};
    targets.forEach((t, i) => {
      external[t.queue !== undefined ? `queue:${t.queue}` : `list:${t.list ?? ''}`] = values[i] as number;
    });
    return {
      app: req.app.name,
      machines: machineObservations(req.machines, () => undefined),
      external,
      ...(req.edgeRps === undefined ? {} : { edgeRps: req.edgeRps }),
    };
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c === undefined) return;
    try {
      await c.quit();
    } catch {
      c.disconnect();
    }
  }

  private connection(): Redis {
    if (this.client !== undefined) return this.client;
    const url = this.config.url.reveal();
    if (url === undefined) {
      throw new GovernorError(
        'GOV_SOURCE_UNREACHABLE',
        `redis "${this.name}": environment variable ${this.config.url.env} is not set`,
      );
    }
    this.client = new Redis(url, {
      lazyConnect: false,
      connectTimeout: this.config.timeout,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Errors surface through the commands; an unhandled 'error' event would crash the process.
    this.client.on('error', () => {});
    return this.client;
  }

  private async withTimeout<T>(p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const status = this.client?.status;
        const reachable = status === 'ready';
        reject(
          new GovernorError(
            reachable ? 'GOV_SOURCE_TIMEOUT' : 'GOV_SOURCE_UNREACHABLE',
            reachable
              ? `redis "${this.name}" did not answer within ${this.config.timeout}ms`
              : `cannot reach redis "${this.name}" (connection ${status ?? 'closed'})`,
          ),
        );
      }, this.config.timeout);
      timer.unref();
    });
    try {
      return await Promise.race([p, timeout]);
    } catch (err) {
      if (err instanceof GovernorError) throw err;
      throw new GovernorError('GOV_SOURCE_UNREACHABLE', `redis "${this.name}": ${describeError(err)}`, {
        cause: err,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}
