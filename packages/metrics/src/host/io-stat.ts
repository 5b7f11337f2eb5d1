import type { DiskBytes } from './disk-bytes.js';
import { lineError } from './host-stats-error.js';

/** One device line of cgroup v2 `io.stat`. */
export interface IoStatDevice extends DiskBytes {
  /** `major:minor`. */
  readonly device: string;
}

/**
 * Parses cgroup v2 `io.stat`: one line per block device,
 * `MAJ:MIN rbytes=N wbytes=N rios=N wios=N dbytes=N dios=N` (keys the kernel
 * adds later are ignored; a missing `rbytes`/`wbytes` counts as 0). An empty
 * file means the cgroup did no block I/O yet.
 */
export function parseIoStat(text: string, file = 'io.stat'): IoStatDevice[] {
  const out: IoStatDevice[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const [device, ...pairs] = line.split(/\s+/);
    if (device === undefined || !/^\d+:\d+$/.test(device))
      throw lineError(file, i + 1, `no "MAJ:MIN" device in "${line}"`);
    const kv: Record<string, number> = {};
    for (const pair of pairs) {
      const m = /^([a-z_]+)=(\d+)$/.exec(pair);
      if (m === null) throw lineError(file, i + 1, `malformed field "${pair}"`);
      kv[m[1] as string] = Number(m[2]);
    }
    out.push({ device, readBytes: kv.rbytes ?? 0, writeBytes: kv.wbytes ?? 0 });
  });
  return out;
}

/** Bytes of every device summed. */
export function sumDiskBytes(devices: readonly DiskBytes[]): DiskBytes {
  let readBytes = 0;
  let writeBytes = 0;
  for (const d of devices) {
    readBytes += d.readBytes;
    writeBytes += d.writeBytes;
  }
  return { readBytes, writeBytes };
}
