import { hostStatsError } from './host-stats-error.js';

/**
 * Parses a "flat keyed" kernel file (`key value` per line, as cgroup
 * `cpu.stat` and `memory.stat`) into numbers. Blank lines are skipped.
 */
export function parseFlatKeyed(file: string, text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const parts = line.split(/\s+/);
    const [key, value] = parts;
    if (parts.length !== 2 || key === undefined || value === undefined || !/^-?\d+$/.test(value)) {
      throw hostStatsError(file, `malformed line "${line}"`);
    }
    out[key] = Number(value);
  }
  return out;
}
