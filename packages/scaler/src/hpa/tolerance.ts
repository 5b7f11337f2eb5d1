/** HPA's tolerances around ratio 1.0, settable per direction. */
export interface Tolerances {
  /** Ratio may rise to 1 + up without scaling up. */
  readonly up: number;
  /** Ratio may fall to 1 - down without scaling down. */
  readonly down: number;
}

/** HPA `Tolerances.isWithin`: `(1 - down) <= ratio <= (1 + up)`. */
export function isWithinTolerance(ratio: number, t: Tolerances): boolean {
  return 1 - t.down <= ratio && ratio <= 1 + t.up;
}
