import type { Predictive } from '@governor/config';
import {
  ERROR_ALPHA,
  FORECAST_BIN_MS,
  type ForecastState,
  MAX_SAMPLE_ERROR,
  MAX_SEASON_BINS,
  MIN_SCORED,
  PROFILE_ALPHA,
  PROFILE_CHUNK,
  RISE_ALPHA,
  RISE_FACTOR,
  RISE_TRUST_FULL,
  type SeasonProfile,
} from './forecast-state.js';

/** What the forecaster expects over the next `lead` ms. */
export interface LoadForecast {
  /** Highest load (requests per second) expected in `(t, t + lead]`. */
  readonly rps: number;
  /** Recent relative forecast error (MAPE-like, trailing ~1 h), 0 = perfect. */
  readonly error: number;
}

/** A fresh, empty forecaster state for a predictive config. */
export function initForecast(cfg: Predictive): ForecastState {
  const seasons: SeasonProfile[] = [];
  for (const period of cfg.seasons) {
    if (!(period > 0)) continue;
    const width = Math.max(
      FORECAST_BIN_MS,
      Math.ceil(period / MAX_SEASON_BINS / FORECAST_BIN_MS) * FORECAST_BIN_MS,
    );
    const bins = Math.max(1, Math.ceil(period / width));
    seasons.push({ period, bins, width, chunks: toChunks(new Array<number>(bins).fill(-1)) });
  }
  return {
    version: 2,
    binWidth: FORECAST_BIN_MS,
    bin: -1,
    binSum: 0,
    binCount: 0,
    firstT: -1,
    lastMean: -1,
    seasons,
    pending: [],
    error: 0,
    scored: 0,
    riseTrust: 1,
  };
}

/**
 * The forecaster state kept in an app's history, if it still fits `cfg`: a
 * current (version 2) state as it is, a version 1 state (one flat array per
 * profile) converted to chunks, anything else (or seasons that no longer
 * match the config) `undefined`, so the caller starts afresh.
 */
export function restoreForecast(previous: unknown, cfg: Predictive): ForecastState | undefined {
  if (typeof previous !== 'object' || previous === null) return undefined;
  const x = previous as { version?: unknown; seasons?: unknown };
  if (!Array.isArray(x.seasons)) return undefined;
  const periods = cfg.seasons.filter((p) => p > 0);
  const seasons = x.seasons as { period?: unknown }[];
  if (seasons.length !== periods.length || seasons.some((s, i) => s?.period !== periods[i])) return undefined;
  if (x.version === 2) return previous as ForecastState;
  if (x.version !== 1) return undefined;
  const v1 = previous as Omit<ForecastState, 'version' | 'seasons'> & {
    seasons: readonly (Omit<SeasonProfile, 'chunks'> & { profile: readonly number[] })[];
  };
  if (!v1.seasons.every((s) => Array.isArray(s.profile) && s.profile.length === s.bins)) return undefined;
  return {
    ...v1,
    version: 2,
    seasons: v1.seasons.map(({ profile, ...season }) => ({ ...season, chunks: toChunks(profile) })),
  };
}

/**
 * Adds one load sample (requests per second at time `t`, ms). Pure: returns
 * a new state and leaves `state` unchanged. Samples that are not finite,
 * negative, or older than the open bin are ignored.
 */
export function observeLoad(state: ForecastState, cfg: Predictive, t: number, rps: number): ForecastState {
  if (!Number.isFinite(rps) || rps < 0 || !Number.isFinite(t)) return state;
  const b = Math.floor(t / state.binWidth);
  if (state.bin === -1) return { ...state, bin: b, binSum: rps, binCount: 1, firstT: t };
  if (b < state.bin) return state;
  if (b === state.bin) return { ...state, binSum: state.binSum + rps, binCount: state.binCount + 1 };
  return { ...closeBin(state, cfg), bin: b, binSum: rps, binCount: 1 };
}

/**
 * The load expected over `(t, t + cfg.lead]` and the recent forecast error,
 * or `undefined` until the forecaster has seen a full period of its shortest
 * season and scored enough of its own forecasts.
 */
export function predictLoad(state: ForecastState, cfg: Predictive, t: number): LoadForecast | undefined {
  if (state.scored < MIN_SCORED || state.firstT < 0) return undefined;
  const shortest = Math.min(...state.seasons.map((s) => s.period));
  if (!Number.isFinite(shortest) || t - state.firstT < shortest) return undefined;
  const openMean = state.binCount > 0 ? state.binSum / state.binCount : -1;
  const recent =
    state.lastMean >= 0 && openMean >= 0
      ? (state.lastMean + openMean) / 2
      : Math.max(state.lastMean, openMean);
  if (recent < 0) return undefined;
  const nowBin = Math.floor(t / state.binWidth);
  const lastBin = Math.floor((t + Math.max(0, cfg.lead)) / state.binWidth);
  let peak: number | undefined;
  for (let target = nowBin + 1; target <= Math.max(lastBin, nowBin + 1); target++) {
    const f = seasonalForecast(state, nowBin - 1, target, recent);
    if (f !== undefined && (peak === undefined || f > peak)) peak = f;
  }
  if (peak === undefined) return undefined;
  // Forecast rises are kept whole while at least RISE_TRUST_FULL of them come
  // true, and shrink in proportion below that (one-off spikes in the profile).
  const trust = Number.isFinite(state.riseTrust) ? state.riseTrust : 1;
  const keep = Math.min(1, trust / RISE_TRUST_FULL);
  const rps = peak > recent ? recent + (peak - recent) * keep : peak;
  return { rps, error: state.error };
}

/** Closes the open bin: scores due forecasts, learns the bin, forecasts `lead` ahead. */
function closeBin(state: ForecastState, cfg: Predictive): ForecastState {
  const closed = state.bin;
  const mean = state.binSum / state.binCount;
  let error = state.error;
  let scored = state.scored;
  let riseTrust = Number.isFinite(state.riseTrust) ? state.riseTrust : 1;
  const pending: (readonly [number, number, number])[] = [];
  for (const p of state.pending) {
    if (p[0] === closed) {
      const sample = Math.min(MAX_SAMPLE_ERROR, Math.abs(mean - p[1]) / Math.max(mean, 1e-9));
      error = scored === 0 ? sample : error + ERROR_ALPHA * (sample - error);
      scored = Math.min(scored + 1, 1_000_000);
      const base = p[2];
      if (p[1] > base * RISE_FACTOR + 1e-9) {
        // A rise came true when at least half of it did (bursts vary in height).
        const came = (mean - base) / (p[1] - base) >= 0.5 ? 1 : 0;
        riseTrust += RISE_ALPHA * (came - riseTrust);
      }
    } else if (p[0] > closed) {
      pending.push(p);
    }
  }
  const seasons = state.seasons.map((s) => learn(s, closed * state.binWidth, mean));
  const next: ForecastState = { ...state, seasons, lastMean: mean, error, scored, pending, riseTrust };
  const target = closed + 1 + Math.max(1, Math.ceil(cfg.lead / state.binWidth));
  const f = seasonalForecast(next, closed, target, mean);
  if (f !== undefined) pending.push([target, f, mean]);
  return next;
}

/** A flat profile cut into chunks of {@link PROFILE_CHUNK} bins. */
function toChunks(profile: readonly number[]): number[][] {
  const chunks: number[][] = [];
  for (let at = 0; at < profile.length; at += PROFILE_CHUNK)
    chunks.push(profile.slice(at, at + PROFILE_CHUNK));
  return chunks;
}

/** The learnt load of bin `i` of a season's profile, or -1. */
export function profileAt(season: SeasonProfile, i: number): number {
  return season.chunks[Math.floor(i / PROFILE_CHUNK)]?.[i % PROFILE_CHUNK] ?? -1;
}

function learn(season: SeasonProfile, t: number, mean: number): SeasonProfile {
  const i = phase(season, t);
  const c = Math.floor(i / PROFILE_CHUNK);
  const old = profileAt(season, i);
  // Copy-on-write: only the chunk holding bin i is copied; the others stay shared.
  const chunk = (season.chunks[c] ?? []).slice();
  // Four significant digits keep the serialized state small (a week of minutes is ~10k numbers).
  chunk[i % PROFILE_CHUNK] = Number((old < 0 ? mean : old + PROFILE_ALPHA * (mean - old)).toPrecision(4));
  const chunks = season.chunks.slice();
  chunks[c] = chunk;
  return { ...season, chunks };
}

function phase(season: SeasonProfile, t: number): number {
  const inPeriod = ((t % season.period) + season.period) % season.period;
  return Math.min(season.bins - 1, Math.floor(inPeriod / season.width));
}

/**
 * Seasonal forecast for bin `target`, anchored on the load `recent` seen in bin
 * `anchor`: each season's profile value at the target, scaled by how far the
 * current load is from that season's profile now (clamped to [0.5, 2]),
 * averaged over the seasons that know both bins.
 */
function seasonalForecast(
  state: ForecastState,
  anchor: number,
  target: number,
  recent: number,
): number | undefined {
  let sum = 0;
  let n = 0;
  for (const s of state.seasons) {
    const pNow = profileAt(s, phase(s, anchor * state.binWidth));
    const pT = profileAt(s, phase(s, target * state.binWidth));
    if (pNow < 0 || pT < 0) continue;
    const f = pNow > 1e-6 ? pT * Math.min(2, Math.max(0.5, recent / pNow)) : recent + pT - pNow;
    sum += Math.max(0, f);
    n++;
  }
  return n === 0 ? undefined : sum / n;
}
