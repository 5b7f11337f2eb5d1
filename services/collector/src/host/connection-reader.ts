import { readdir, readFile, readlink } from 'node:fs/promises';
import { countEstablished, parseTcpTable, socketInode, type TcpSocket } from '@governor/metrics';

/** The TCP sockets (v4 and v6) of the network namespace of `pid`, by inode. */
async function socketTables(proc: string, pid: number | 'self', into: Map<number, TcpSocket>): Promise<void> {
  for (const table of ['tcp', 'tcp6']) {
    const file = `${proc}/${pid}/net/${table}`;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      // A kernel without IPv6 has no tcp6 table; without tcp there is nothing to count.
      if (table === 'tcp6' && (err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    // Sockets in TIME_WAIT have inode 0 and belong to no process; they are not established anyway.
    for (const s of parseTcpTable(text, file)) if (s.inode !== 0) into.set(s.inode, s);
  }
}

/** Inodes of the sockets `pid` holds open, from the `socket:[inode]` links in `<proc>/<pid>/fd`. */
async function ownedSockets(proc: string, pid: number, into: Set<number>): Promise<void> {
  const dir = `${proc}/${pid}/fd`;
  for (const fd of await readdir(dir)) {
    try {
      const inode = socketInode(await readlink(`${dir}/${fd}`));
      if (inode !== undefined) into.add(inode);
    } catch (err) {
      // The fd was closed between readdir and readlink.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/**
 * Established TCP connections held by the processes `pids`: the sockets of
 * their namespaces' tcp/tcp6 tables in state 01 whose inode one of the
 * processes holds as a file descriptor. A namespace shared with other
 * processes (the sidecar, other instances under `governor up`) therefore
 * counts only the instance's own connections. Reading another process's fds
 * needs the same user or CAP_SYS_PTRACE; without it this rejects (EACCES)
 * rather than guess.
 */
export async function readOwnedConnections(proc: string, pids: readonly number[]): Promise<number> {
  if (pids.length === 0) throw new Error('no process of the instance to read connections of');
  const sockets = new Map<number, TcpSocket>();
  const owned = new Set<number>();
  let read = 0;
  for (const pid of pids) {
    try {
      await ownedSockets(proc, pid, owned);
      await socketTables(proc, pid, sockets);
      read++;
    } catch (err) {
      // A child that exited while we looked is not an error; the root process going away is.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || pid === pids[0]) throw err;
    }
  }
  if (read === 0) throw new Error(`no process of ${pids.join(', ')} is readable`);
  return countEstablished([...sockets.values()], owned);
}

/**
 * Established TCP connections of the whole network namespace of `pid`
 * (`self`: the collector's), for a machine that is the instance.
 */
export async function readNamespaceConnections(proc: string, pid: number | 'self'): Promise<number> {
  const sockets = new Map<number, TcpSocket>();
  await socketTables(proc, pid, sockets);
  return countEstablished([...sockets.values()]);
}
