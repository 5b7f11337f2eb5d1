import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseBlkioServiceBytes, parseIoStat, parsePidIo, sumDiskBytes } from '@governor/metrics';
import type { DiskReading } from './io-sample.js';

function missing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Storage bytes of the processes `pids`, summed from `<proc>/<pid>/io`:
 * `read_bytes` and `write_bytes`, the bytes each process caused to go to or
 * come from the block layer (what io.stat counts), not `rchar`/`wchar`,
 * which count every read()/write() including sockets, pipes and page-cache
 * hits and so would double-count network traffic. Processes that already
 * exited are not counted (their bytes leave with them), so the sum can go
 * down; the rate treats that as a counter reset. Rejects when the kernel
 * has no task I/O accounting (no `io` file).
 */
export async function readPidsDisk(proc: string, pids: readonly number[]): Promise<DiskReading> {
  if (pids.length === 0) throw new Error('no process of the instance to read disk I/O of');
  let readBytes = 0;
  let writeBytes = 0;
  let read = 0;
  for (const pid of pids) {
    const file = `${proc}/${pid}/io`;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if (missing(err) && pid !== pids[0]) continue;
      throw err;
    }
    const io = parsePidIo(text, file);
    readBytes += io.readBytes;
    writeBytes += io.writeBytes;
    read++;
  }
  if (read === 0) throw new Error(`no /proc/<pid>/io of ${pids.join(', ')} is readable`);
  return { readBytes, writeBytes, from: `${proc}/<pid>/io` };
}

/**
 * Storage bytes of a cgroup: v2 `io.stat` in `root`, else v1
 * `blkio.throttle.io_service_bytes` in `blkioRoot`, else undefined (the
 * caller falls back to /proc/<pid>/io). A v1 file without device lines is
 * treated as absent: recent kernels fill the throttle counters only for
 * I/O that passes a throttling rule, so "Total 0" says nothing.
 */
export async function readCgroupDisk(
  root: string,
  blkioRoot: string | undefined,
): Promise<DiskReading | undefined> {
  const ioStat = join(root, 'io.stat');
  try {
    return { ...sumDiskBytes(parseIoStat(await readFile(ioStat, 'utf8'), ioStat)), from: ioStat };
  } catch (err) {
    if (!missing(err)) throw err;
  }
  if (blkioRoot === undefined) return undefined;
  const blkio = join(blkioRoot, 'blkio.throttle.io_service_bytes');
  try {
    const devices = parseBlkioServiceBytes(await readFile(blkio, 'utf8'), blkio);
    return devices.length === 0 ? undefined : { ...sumDiskBytes(devices), from: blkio };
  } catch (err) {
    if (!missing(err)) throw err;
    return undefined;
  }
}
