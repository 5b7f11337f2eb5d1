/**
 * The forecaster's state: plain JSON, bounded size, never mutated in place.
 *
 * Load is averaged into fixed bins (one minute by default); each configured
 * season keeps a profile of the mean load per bin of its period, learnt as an
 * exponentially weighted average across periods. A profile is held in
 * chunks of {@link PROFILE_CHUNK} bins, shared between successive states:
 * closing a bin copies only the chunk it writes, so observing every tick
 * stays cheap, the functions stay pure, and the states a daemon keeps in its
 * decision records (hundreds per app) share almost all of their profiles.
 */
export interface ForecastState {
  readonly version: 2;
  /** Width of an accumulation bin in ms. */
  readonly binWidth: number;
  /** Absolute index (`floor(t / binWidth)`) of the bin being accumulated; -1 before the first sample. */
  readonly bin: number;
  /** Sum and count of samples in the open bin. */
  readonly binSum: number;
  readonly binCount: number;
  /** Time of the first sample (ms), or -1. */
  readonly firstT: number;
  /** Mean load of the last closed bin, or -1. */
  readonly lastMean: number;
  /** One profile per configured season, in the order of `Predictive.seasons`. */
  readonly seasons: readonly SeasonProfile[];
  /**
   * Forecasts made at earlier bin closes for bins not yet closed:
   * `[targetBin, rps, loadWhenMade]`, oldest first (at most `lead / binWidth + 2`).
   */
  readonly pending: readonly (readonly [number, number, number])[];
  /**
   * How often a forecast rise (over 20% above the load when it was made)
   * came true (at least half of it), as an exponentially weighted mean in
   * [0, 1]: seasonal
   * bursts that recur keep it near 1; one-off spikes in the profile that do
   * not recur drive it down, and forecast rises shrink with it.
   */
  readonly riseTrust: number;
  /** Exponentially weighted mean relative error of scored forecasts. */
  readonly error: number;
  /** Number of forecasts scored so far (saturates). */
  readonly scored: number;
}

/** The seasonal profile of one period. */
export interface SeasonProfile {
  /** Period in ms. */
  readonly period: number;
  /** Bins per period (`period / binWidth`, at most {@link MAX_SEASON_BINS}). */
  readonly bins: number;
  /** Bin width of this profile in ms (a multiple of the state's bin width). */
  readonly width: number;
  /**
   * Learnt mean load per bin of the period, in chunks of
   * {@link PROFILE_CHUNK} bins (the last one may be shorter); -1 where
   * nothing was observed yet.
   */
  readonly chunks: readonly (readonly number[])[];
}

/** Bins per profile chunk: a week of minutes is 70 chunks; closing a bin copies 144 numbers, not 10,080. */
export const PROFILE_CHUNK = 144;

/** Accumulation bin width in ms (one minute). */
export const FORECAST_BIN_MS = 60_000;
/** Largest number of bins one season keeps (a week of minutes). */
export const MAX_SEASON_BINS = 10_080;
/** Weight of a new period's observation in a profile bin. */
export const PROFILE_ALPHA = 0.4;
/** Forecasts scored before the forecaster reports anything. */
export const MIN_SCORED = 30;
/** Weight of a new scored error (about a one-hour trailing window of minute bins). */
export const ERROR_ALPHA = 1 / 60;
/** Weight of one scored forecast rise in `riseTrust` (about the last 10 rises). */
export const RISE_ALPHA = 0.1;
/** Share of rises coming true at or above which forecast rises are kept whole. */
export const RISE_TRUST_FULL = 0.25;
/** A forecast counts as a rise when it exceeds the load it was made at by this factor. */
export const RISE_FACTOR = 1.2;
/** Largest relative error one scored forecast contributes. */
export const MAX_SAMPLE_ERROR = 2;
