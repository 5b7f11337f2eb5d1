import { lineError } from './host-stats-error.js';

/** `/proc/<pid>/io`: a process's I/O counters, in bytes (syscalls as counts). */
export interface PidIo {
  /** Bytes passed to read()-like calls, from any file, pipe or socket, cache hits included. */
  readonly rchar: number;
  /** Bytes passed to write()-like calls, to any file, pipe or socket. */
  readonly wchar: number;
  /** Bytes this process caused to be fetched from storage (the block layer). */
  readonly readBytes: number;
  /** Bytes this process caused to be sent to storage (counted when pages are dirtied). */
  readonly writeBytes: number;
  /** Dirty bytes never written because the file was truncated or deleted first. */
  readonly cancelledWriteBytes: number;
}

/** Parses `/proc/<pid>/io` (`key: value` lines). */
export function parsePidIo(text: string, file = '/proc/<pid>/io'): PidIo {
  const kv: Record<string, number> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const m = /^([a-z_]+):\s+(\d+)$/.exec(line);
    if (m === null) throw lineError(file, i + 1, `malformed "${line}" (want "key: number")`);
    kv[m[1] as string] = Number(m[2]);
  });
  const need = (key: string): number => {
    const v = kv[key];
    if (v === undefined) throw lineError(file, text.split('\n').length, `no "${key}" line`);
    return v;
  };
  return {
    rchar: need('rchar'),
    wchar: need('wchar'),
    readBytes: need('read_bytes'),
    writeBytes: need('write_bytes'),
    cancelledWriteBytes: kv.cancelled_write_bytes ?? 0,
  };
}
