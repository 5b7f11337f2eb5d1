import { lineError } from './host-stats-error.js';

/** TCP state 01 in `/proc/net/tcp`: ESTABLISHED. */
export const TCP_ESTABLISHED = 1;

/** One socket of `/proc/<pid>/net/tcp` or `tcp6`. */
export interface TcpSocket {
  /** Kernel TCP state (`st`, hex in the file): 1 ESTABLISHED, 10 LISTEN, ... */
  readonly state: number;
  /** Socket inode: matches `socket:[inode]` links in `/proc/<pid>/fd`. */
  readonly inode: number;
}

/**
 * Parses a socket table, `/proc/<pid>/net/tcp` or `tcp6`: a header line,
 * then `sl: local remote st tx:rx tr:when retrnsmt uid timeout inode ...`.
 */
export function parseTcpTable(text: string, file = '/proc/<pid>/net/tcp'): TcpSocket[] {
  const out: TcpSocket[] = [];
  text.split('\n').forEach((raw, i) => {
    if (i === 0 || raw.trim() === '') return;
    const f = raw.trim().split(/\s+/);
    const [sl, , , st] = f;
    const inode = f[9];
    if (
      f.length < 10 ||
      !/^\d+:$/.test(sl as string) ||
      !/^[0-9A-Fa-f]{2}$/.test(st as string) ||
      !/^\d+$/.test(inode as string)
    )
      throw lineError(file, i + 1, `malformed socket line "${raw.trim()}"`);
    out.push({ state: Number.parseInt(st as string, 16), inode: Number(inode) });
  });
  return out;
}

/** The inode of a `/proc/<pid>/fd/N` link target `socket:[12345]`, or undefined for anything else. */
export function socketInode(linkTarget: string): number | undefined {
  const m = /^socket:\[(\d+)\]$/.exec(linkTarget);
  return m === null ? undefined : Number(m[1]);
}

/**
 * Established sockets among `sockets`; with `owned`, only those whose inode
 * is in it (the sockets a process tree holds open). A socket listed in both
 * tcp and tcp6 is not possible, so no deduplication is needed.
 */
export function countEstablished(sockets: readonly TcpSocket[], owned?: ReadonlySet<number>): number {
  let n = 0;
  for (const s of sockets) {
    if (s.state !== TCP_ESTABLISHED) continue;
    if (owned !== undefined && !owned.has(s.inode)) continue;
    n++;
  }
  return n;
}
