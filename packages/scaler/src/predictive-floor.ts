import type { AppConfig } from '@governor/config';
import type { ForecastState } from './forecast/index.js';
import { initForecast, observeLoad, predictLoad, restoreForecast } from './forecast/index.js';
import { machinesFor, roundText } from './numbers.js';
import type { Floor } from './scope/scope-types.js';

/** The result of {@link predictiveFloor}: the next forecast state and, when trustworthy, a floor. */
export interface PredictiveResult {
  readonly state: ForecastState;
  readonly floor?: Floor;
  /** Why no floor was set, for the decision's steps. */
  readonly skipped?: string;
}

/**
 * Feeds this tick's fleet rps to the forecaster and, when its forecast over
 * the next `lead` ms is trustworthy (error <= maxError), returns the floor
 * ceil(predicted x headroom / capacity). Capacity per machine is the rps
 * target, or without one the observed rps per machine divided by the largest
 * target ratio (the rps a machine serves at target). The floor only raises
 * the count; a forecast never scales down.
 */
export function predictiveFloor(
  policy: AppConfig,
  previous: unknown,
  fleetRps: number | undefined,
  current: number,
  maxRatio: number | undefined,
  now: number,
  learned?: number,
): PredictiveResult | undefined {
  const cfg = policy.predictive;
  if (cfg === undefined || !cfg.enabled) return undefined;
  let state = restoreForecast(previous, cfg) ?? initForecast(cfg);
  if (fleetRps !== undefined) state = observeLoad(state, cfg, now, fleetRps);
  const f = predictLoad(state, cfg, now);
  if (f === undefined) return { state, skipped: 'forecast not ready' };
  if (!(f.error <= cfg.maxError)) {
    return { state, skipped: `forecast error ${roundText(f.error)} > max ${cfg.maxError}: no foresight` };
  }
  let capacity: number | undefined;
  let source: string;
  const rpsTarget = policy.targets.find((t) => t.type === 'rps');
  if (learned !== undefined) {
    capacity = learned;
    source = 'learned capacity';
  } else if (rpsTarget !== undefined && rpsTarget.type === 'rps') {
    capacity = rpsTarget.perMachine;
    source = 'rps target';
  } else {
    source = 'observed rps/machine at target';
    if (fleetRps !== undefined && current > 0 && maxRatio !== undefined && maxRatio > 0) {
      capacity = fleetRps / current / maxRatio;
    }
  }
  if (capacity === undefined || !(capacity > 0)) return { state, skipped: 'no per-machine capacity known' };
  const machines = machinesFor((f.rps * cfg.headroom) / capacity);
  return {
    state,
    floor: {
      machines,
      message: `forecast ${roundText(f.rps)} rps (recent error ${roundText(f.error * 100, 1)}% <= ${roundText(cfg.maxError * 100, 1)}%) x ${cfg.headroom} headroom / ${roundText(capacity)} rps per machine (${source}) -> floor ${machines}`,
      numbers: { predictedRps: f.rps, error: f.error, headroom: cfg.headroom, capacity, floor: machines },
    },
  };
}
