import { lineError } from './host-stats-error.js';
import type { IoStatDevice } from './io-stat.js';

const OPS = new Set(['Read', 'Write', 'Sync', 'Async', 'Discard', 'Total']);

/**
 * Parses cgroup v1 `blkio.throttle.io_service_bytes` (or its `_recursive`
 * variant): `MAJ:MIN Op bytes` lines with Op one of Read, Write, Sync, Async,
 * Discard, Total, and a last `Total bytes` line. Returns the Read and Write
 * bytes per device; a file with only the `Total` line has no devices (the
 * cgroup did no block I/O, or the kernel accounts it elsewhere).
 */
export function parseBlkioServiceBytes(
  text: string,
  file = 'blkio.throttle.io_service_bytes',
): IoStatDevice[] {
  const devices = new Map<string, { readBytes: number; writeBytes: number }>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const parts = line.split(/\s+/);
    if (parts.length === 2 && parts[0] === 'Total') {
      if (!/^\d+$/.test(parts[1] as string)) throw lineError(file, i + 1, `malformed "${line}"`);
      return;
    }
    const [device, op, value] = parts;
    if (
      parts.length !== 3 ||
      !/^\d+:\d+$/.test(device as string) ||
      !OPS.has(op as string) ||
      !/^\d+$/.test(value as string)
    )
      throw lineError(file, i + 1, `malformed "${line}" (want "MAJ:MIN Op bytes")`);
    const d = devices.get(device as string) ?? { readBytes: 0, writeBytes: 0 };
    if (op === 'Read') d.readBytes = Number(value);
    else if (op === 'Write') d.writeBytes = Number(value);
    devices.set(device as string, d);
  });
  return [...devices].map(([device, d]) => ({ device, ...d }));
}
