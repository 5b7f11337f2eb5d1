import { GovernorError } from '@governor/errors';
import type { History } from '@governor/scaler';
import type { Redis } from 'ioredis';
import type { HistoryStore } from './history-store.js';

/**
 * Stores each app's history unless a newer fencing token already wrote that
 * app's: one reply per app, 1 stored or 0 refused.
 * KEYS: history hash, token hash. ARGV: token, then app, json pairs.
 */
const SAVE = `
local token = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV, 2 do
  local last = tonumber(redis.call('HGET', KEYS[2], ARGV[i]) or '0')
  if token < last then
    out[#out + 1] = 0
  else
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[1])
    out[#out + 1] = 1
  end
end
return out
`;

interface PendingSave {
  readonly app: string;
  readonly json: string;
  readonly resolve: (stored: boolean) => void;
  readonly reject: (err: unknown) => void;
}

/** Options of {@link RedisHistoryStore}. */
export interface RedisHistoryStoreOptions {
  /** Key prefix. Default `governor:`. */
  readonly prefix?: string;
  /**
   * Called with a `GOV_BUS_DECODE` error for each stored history that is not
   * one; `load` leaves that app out (it starts from its in-memory history)
   * instead of failing the takeover of every app. Default: ignore.
   */
  readonly onDecodeError?: (err: GovernorError) => void;
}

/**
 * {@link HistoryStore} in two Redis hashes (`<prefix>history` app -> JSON,
 * `<prefix>history:token` app -> token of the last writer); a save is
 * atomic and refuses tokens older than the stored one. Saves made in the
 * same turn of the event loop with the same token (a shard's apps deciding
 * together) go out as one script call, each app still checked on its own.
 */
export class RedisHistoryStore implements HistoryStore {
  private readonly key: string;
  private readonly tokenKey: string;
  private readonly onDecodeError: (err: GovernorError) => void;
  private readonly pending = new Map<number, PendingSave[]>();

  constructor(
    private readonly redis: Redis,
    options: RedisHistoryStoreOptions = {},
  ) {
    const prefix = options.prefix ?? 'governor:';
    this.key = `${prefix}history`;
    this.tokenKey = `${prefix}history:token`;
    this.onDecodeError = options.onDecodeError ?? (() => {});
  }

  save(app: string, history: History, token: number): Promise<boolean> {
    const json = JSON.stringify(history);
    return new Promise<boolean>((resolve, reject) => {
      let batch = this.pending.get(token);
      if (!batch) {
        batch = [];
        this.pending.set(token, batch);
        setImmediate(() => void this.flush(token));
      }
      batch.push({ app, json, resolve, reject });
    });
  }

  private async flush(token: number): Promise<void> {
    const batch = this.pending.get(token) ?? [];
    this.pending.delete(token);
    const args: string[] = [String(token)];
    for (const p of batch) args.push(p.app, p.json);
    try {
      const r = (await this.redis.eval(SAVE, 2, this.key, this.tokenKey, ...args)) as unknown[];
      batch.forEach((p, i) => {
        p.resolve(r[i] === 1);
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  async load(apps: readonly string[]): Promise<Map<string, History>> {
    const out = new Map<string, History>();
    if (apps.length === 0) return out;
    const raw = await this.redis.hmget(this.key, ...apps);
    apps.forEach((app, i) => {
      const text = raw[i];
      if (text === null || text === undefined) return;
      try {
        out.set(app, decodeHistory(app, text));
      } catch (err) {
        this.onDecodeError(err as GovernorError);
      }
    });
    return out;
  }
}

function decodeHistory(app: string, text: string): History {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new GovernorError('GOV_BUS_DECODE', `stored history of ${app} is not JSON`, { cause: err });
  }
  const h = value as Partial<History> | null;
  if (h?.version !== 1 || !Array.isArray(h.recommendations) || !Array.isArray(h.events)) {
    throw new GovernorError('GOV_BUS_DECODE', `stored history of ${app} is not a version 1 history`, {
      details: { app },
    });
  }
  return h as History;
}
