import type { SeriesWindow } from './run-controller.js';
import { PointAccumulator, type SimulationSeries } from './series.js';
import type { SimulationSetup } from './simulation-setup.js';

/** One day centred on the tick of highest (unmasked) load, at about `points` points; undefined for a trace of a day or less. */
export function zoomWindow(setup: SimulationSetup, points: number): SeriesWindow | undefined {
  const day = Math.round(86_400_000 / setup.dt);
  if (setup.ticks <= day) return undefined;
  const load = (k: number) => (setup.masked[k] ? -1 : (setup.tickRps[k] ?? 0));
  let peak = 0;
  for (let k = 0; k < setup.ticks; k++) if (load(k) > load(peak)) peak = k;
  const start = Math.max(0, Math.min(setup.ticks - day, peak - Math.floor(day / 2)));
  return { start, end: start + day, ticksPerPoint: Math.max(1, Math.ceil(day / points)) };
}

/** Load, ideal count and mask of one stretch of a simulation, as chart points. */
export function sharedSeries(setup: SimulationSetup, w: SeriesWindow): SimulationSeries {
  const { ticksPerPoint } = w;
  const load = new PointAccumulator(ticksPerPoint, 'mean');
  const ideal = new PointAccumulator(ticksPerPoint, 'mean');
  const masked = new PointAccumulator(ticksPerPoint, 'max');
  const t: number[] = [];
  for (let k = w.start; k < w.end; k++) {
    const i = k - w.start;
    if (i % ticksPerPoint === 0) t.push((k * setup.dt) / 1000);
    load.add(i, setup.tickRps[k] ?? 0);
    ideal.add(i, setup.idealTotal[k] ?? 0);
    masked.add(i, setup.masked[k] ?? 0);
  }
  return {
    pointSeconds: (ticksPerPoint * setup.dt) / 1000,
    t,
    load: load.finish(),
    loadMin: load.lows,
    loadMax: load.highs,
    ideal: ideal.finish(),
    masked: masked.finish().map((m) => m > 0),
  };
}
