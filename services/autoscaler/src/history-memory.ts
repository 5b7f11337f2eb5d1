/**
 * Heap one decision record takes in the daemon's memory (its decision with
 * the replay inputs), measured on an app of 10 instances with cpu, rps and
 * latency targets and a 5-minute scale-down window: about 13 KB. Records of
 * apps with more instances are larger (the per-instance observations are
 * about half of it).
 */
export const RECORD_BYTES = 13_000;

/** Share of the heap limit the decision records may take before the daemon warns. */
const HEAP_SHARE = 0.5;

/** What {@link historyMemoryWarning} reads. */
export interface HistoryMemoryInput {
  readonly apps: number;
  readonly historySize: number;
  /** V8's heap limit, bytes (`v8.getHeapStatistics().heap_size_limit`). */
  readonly heapLimit: number;
}

/**
 * A one-line warning when `daemon.historySize` records per app, for every
 * app of the config, would take more than half the heap: the daemon would
 * run out of memory after `historySize` ticks. Undefined when they fit. In
 * cluster mode a replica holds the records of the apps it decides, but a
 * replica alone decides them all.
 */
export function historyMemoryWarning(input: HistoryMemoryInput): string | undefined {
  const bytes = input.apps * input.historySize * RECORD_BYTES;
  if (bytes <= HEAP_SHARE * input.heapLimit) return undefined;
  const fits = Math.max(1, Math.floor((HEAP_SHARE * input.heapLimit) / (input.apps * RECORD_BYTES)));
  const mb = (n: number) => `${Math.round(n / 1e6)} MB`;
  return (
    `daemon.historySize ${input.historySize} x ${input.apps} apps keeps about ${mb(bytes)} of decision records ` +
    `(about ${RECORD_BYTES / 1000} KB each), more than half the ${mb(input.heapLimit)} heap: ` +
    `lower daemon.historySize to ${fits} or less, or raise the heap (NODE_OPTIONS=--max-old-space-size)`
  );
}
