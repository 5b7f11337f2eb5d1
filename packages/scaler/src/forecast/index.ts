export type { LoadForecast } from './forecast.js';
export { initForecast, observeLoad, predictLoad } from './forecast.js';
export type { ForecastState, SeasonProfile } from './forecast-state.js';
export { FORECAST_BIN_MS, MAX_SEASON_BINS, MIN_SCORED } from './forecast-state.js';
