import type { QueueTarget } from '@governor/config';

/** The Redis commands a backlog read needs (ioredis's pipeline shape). */
export interface BacklogRedis {
  multi(): {
    llen(key: string): unknown;
    zcard(key: string): unknown;
    exec(): Promise<[Error | null, unknown][] | null>;
  };
}

/**
 * The keys whose sizes add up to a target's backlog. A BullMQ queue keeps
 * waiting jobs in the `wait` list (`paused` while paused, in older
 * versions), prioritized ones in the `prioritized` sorted set and delayed
 * ones in `delayed`; jobs being processed sit in `active`. A plain list is
 * its own key.
 */
export function backlogKeys(t: QueueTarget): { key: string; kind: 'list' | 'zset' }[] {
  if (t.queue === undefined) return [{ key: t.list ?? '', kind: 'list' }];
  const base = `${t.prefix}:${t.queue}`;
  const keys: { key: string; kind: 'list' | 'zset' }[] = [
    { key: `${base}:wait`, kind: 'list' },
    { key: `${base}:paused`, kind: 'list' },
    { key: `${base}:prioritized`, kind: 'zset' },
    { key: `${base}:delayed`, kind: 'zset' },
  ];
  if (t.includeActive) keys.push({ key: `${base}:active`, kind: 'list' });
  return keys;
}

/** Reads a target's backlog in one MULTI (one consistent count). */
export async function readBacklog(redis: BacklogRedis, t: QueueTarget): Promise<number> {
  const multi = redis.multi();
  const keys = backlogKeys(t);
  for (const k of keys) {
    if (k.kind === 'list') multi.llen(k.key);
    else multi.zcard(k.key);
  }
  const replies = await multi.exec();
  if (replies === null) throw new Error('the MULTI was aborted');
  let total = 0;
  for (const [err, value] of replies) {
    if (err) throw err;
    total += Number(value);
  }
  return total;
}
