import type { DiskBytes } from '@governor/metrics';

/** A reading, or why it could not be taken (the file is missing, unreadable or malformed). */
export type Reading<T> = { readonly value: T } | { readonly unavailable: string };

/** Cumulative network bytes of the instance's namespace, loopback excluded. */
export interface NetworkBytes {
  readonly receiveBytes: number;
  readonly transmitBytes: number;
}

/** Cumulative disk bytes and the file they came from (`io.stat`, `blkio...`, `/proc/<pid>/io`). */
export interface DiskReading extends DiskBytes {
  readonly from: string;
}

/** One reading of the instance's network, disk and connection counters. */
export interface IoSample {
  /** Monotonic time of the reading, ms (only differences matter). */
  readonly atMs: number;
  readonly network: Reading<NetworkBytes>;
  readonly disk: Reading<DiskReading>;
  /** Established TCP connections. */
  readonly connections: Reading<number>;
}

/** Where network I/O, disk I/O and open connections of an instance come from. */
export interface IoStatsSource {
  /** `process:1234`, `cgroup:/sys/fs/cgroup`, `system`. */
  readonly description: string;
  /** Reads every signal now. Never rejects: a signal that cannot be read is `unavailable`, with the reason. */
  read(): Promise<IoSample>;
}

/** The value of a reading, or undefined when unavailable. */
export function readingValue<T>(r: Reading<T>): T | undefined {
  return 'value' in r ? r.value : undefined;
}

/** Runs `read`, turning a failure into `unavailable` with its message. */
export async function reading<T>(read: () => Promise<T>): Promise<Reading<T>> {
  try {
    return { value: await read() };
  } catch (err) {
    return { unavailable: err instanceof Error ? err.message : String(err) };
  }
}
