/**
 * Apps are split into a fixed number of shards; each shard has its own lease
 * and fencing token, and all of a shard's keys carry the same Redis Cluster
 * hash tag, so a script that touches several of them stays in one slot.
 */

/** FNV-1a, 32 bits: stable across processes and versions (never change it: it places every app). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The shard (0 .. shards - 1) of an app. */
export function shardOf(app: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1)
    throw new RangeError(`shards must be an integer >= 1, got ${shards}`);
  return fnv1a(app) % shards;
}

/**
 * Key prefix of one shard's keys: `<prefix>{shard-<n>}:`. The braces are a
 * Redis Cluster hash tag, so the shard's lease, token, fences and histories
 * share one slot.
 */
export function shardPrefix(prefix: string, shard: number): string {
  return `${prefix}{shard-${shard}}:`;
}

/**
 * How much `replica` prefers `shard` (rendezvous hashing): each replica
 * claims free shards in the order of its scores, and gives up its lowest
 * scored ones first, so different replicas reach for different shards.
 */
export function affinity(replica: string, shard: number): number {
  return fnv1a(`${replica}\u0000${shard}`);
}
