import type { History } from '@governor/scaler';
import type { HistoryStore } from './history-store.js';

/**
 * A {@link HistoryStore} split by shard: each app's history lives in its
 * shard's store (keys with the shard's hash tag), stamped with the shard's
 * fencing token, so a deposed owner of one shard cannot overwrite it.
 */
export class ShardedHistoryStore implements HistoryStore {
  constructor(
    private readonly stores: readonly HistoryStore[],
    private readonly shardOf: (app: string) => number,
  ) {}

  /** The store of one shard. */
  shard(shard: number): HistoryStore {
    const store = this.stores[shard];
    if (!store) throw new RangeError(`no shard ${shard}`);
    return store;
  }

  save(app: string, history: History, token: number): Promise<boolean> {
    return this.shard(this.shardOf(app)).save(app, history, token);
  }

  async load(apps: readonly string[]): Promise<Map<string, History>> {
    const byShard = new Map<number, string[]>();
    for (const app of apps) {
      const s = this.shardOf(app);
      byShard.set(s, [...(byShard.get(s) ?? []), app]);
    }
    const parts = await Promise.all([...byShard].map(([s, names]) => this.shard(s).load(names)));
    return new Map(parts.flatMap((m) => [...m]));
  }
}
