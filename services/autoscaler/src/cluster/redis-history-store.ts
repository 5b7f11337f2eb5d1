import { GovernorError } from '@governor/errors';
import type { History } from '@governor/scaler';
import type { Redis } from 'ioredis';
import type { HistoryStore } from './history-store.js';

/** Stores the history unless a newer fencing token already wrote one. */
const SAVE = `
local last = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if tonumber(ARGV[3]) < last then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return 1
`;

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
 * `<prefix>history:token` app -> token of the last writer); a save is one
 * atomic script that refuses tokens older than the stored one.
 */
export class RedisHistoryStore implements HistoryStore {
  private readonly key: string;
  private readonly tokenKey: string;
  private readonly onDecodeError: (err: GovernorError) => void;

  constructor(
    private readonly redis: Redis,
    options: RedisHistoryStoreOptions = {},
  ) {
    const prefix = options.prefix ?? 'governor:';
    this.key = `${prefix}history`;
    this.tokenKey = `${prefix}history:token`;
    this.onDecodeError = options.onDecodeError ?? (() => {});
  }

  async save(app: string, history: History, token: number): Promise<boolean> {
    const r = await this.redis.eval(
      SAVE,
      2,
      this.key,
      this.tokenKey,
      app,
      JSON.stringify(history),
      String(token),
    );
    return r === 1;
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
