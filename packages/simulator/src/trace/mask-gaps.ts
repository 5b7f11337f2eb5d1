/** Options of {@link maskZeroRuns}. */
export interface ZeroGapOptions {
  /**
   * A run of exact zeros lasting at least this many seconds is a data gap.
   * Default 60; 0 disables detection.
   */
  readonly minZeroRun?: number;
}

/** Default shortest run of zeros (seconds) taken as a data gap. */
export const DEFAULT_MIN_ZERO_RUN = 60;

/**
 * Marks runs of exact zeros lasting `minZeroRun` seconds or more as masked
 * (in place). Real load of a busy service is never exactly zero for a
 * minute; a collection gap is.
 */
export function maskZeroRuns(
  rps: Float64Array,
  masked: Uint8Array,
  step: number,
  options: ZeroGapOptions = {},
): void {
  const minRun = options.minZeroRun ?? DEFAULT_MIN_ZERO_RUN;
  if (!(minRun > 0)) return;
  const minBins = Math.max(1, Math.ceil(minRun / step));
  let runStart = -1;
  for (let i = 0; i <= rps.length; i++) {
    const zero = i < rps.length && rps[i] === 0 && masked[i] === 0;
    if (zero && runStart < 0) runStart = i;
    if (!zero && runStart >= 0) {
      if (i - runStart >= minBins) masked.fill(1, runStart, i);
      runStart = -1;
    }
  }
}

/**
 * Fills masked bins (in place) by linear interpolation between the nearest
 * unmasked bins on each side; at the edges, the nearest unmasked value.
 * When nothing is unmasked, masked bins become 0.
 */
export function fillMasked(rps: Float64Array, masked: Uint8Array): void {
  let i = 0;
  while (i < rps.length) {
    if (masked[i] === 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < rps.length && masked[j] === 1) j++;
    const before = i > 0 ? rps[i - 1] : undefined;
    const after = j < rps.length ? rps[j] : undefined;
    for (let k = i; k < j; k++) {
      if (before !== undefined && after !== undefined) {
        rps[k] = before + ((after - before) * (k - i + 1)) / (j - i + 1);
      } else {
        rps[k] = before ?? after ?? 0;
      }
    }
    i = j;
  }
}
