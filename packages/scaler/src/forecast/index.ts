export type { LoadForecast } from './forecast.js';
export { initForecast, observeLoad, predictLoad, profileAt, restoreForecast } from './forecast.js';
export type { ForecastState, SeasonProfile } from './forecast-state.js';
export { FORECAST_BIN_MS, MAX_SEASON_BINS, MIN_SCORED, PROFILE_CHUNK } from './forecast-state.js';
