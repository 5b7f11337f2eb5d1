/** Cumulative bytes read from and written to storage (block devices). */
export interface DiskBytes {
  readonly readBytes: number;
  readonly writeBytes: number;
}
