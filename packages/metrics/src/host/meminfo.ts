import { hostStatsError } from './host-stats-error.js';

/** `/proc/meminfo` in bytes, plus the fields Governor uses by name. */
export interface Meminfo {
  readonly totalBytes: number;
  /** `MemAvailable` (kernel's estimate of memory available without swapping). */
  readonly availableBytes: number;
  /** Every field, in bytes (`kB` values multiplied by 1024; unitless ones as is). */
  readonly fields: Readonly<Record<string, number>>;
}

/** Parses `/proc/meminfo`. */
export function parseMeminfo(text: string): Meminfo {
  const fields: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^([^:]+):\s+(\d+)(?:\s+(kB))?\s*$/.exec(line);
    if (m === null) throw hostStatsError('/proc/meminfo', `malformed line "${line}"`);
    const [, key, value, unit] = m;
    fields[key as string] = Number(value) * (unit === 'kB' ? 1024 : 1);
  }
  const total = fields.MemTotal;
  if (total === undefined) throw hostStatsError('/proc/meminfo', 'no MemTotal line');
  const available =
    fields.MemAvailable ?? (fields.MemFree ?? 0) + (fields.Buffers ?? 0) + (fields.Cached ?? 0);
  return { totalBytes: total, availableBytes: available, fields };
}
