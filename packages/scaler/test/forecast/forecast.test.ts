import type { Predictive } from '@governor/config';
import { describe, expect, it } from 'vitest';
import type { ForecastState } from '../../src/forecast/index.js';
import {
  initForecast,
  observeLoad,
  PROFILE_CHUNK,
  predictLoad,
  profileAt,
  restoreForecast,
} from '../../src/forecast/index.js';

const DAY = 86_400_000;
const cfg: Predictive = { enabled: true, seasons: [DAY], lead: 120_000, maxError: 0.3, headroom: 1.1 };

function feed(
  state: ForecastState,
  c: Predictive,
  from: number,
  to: number,
  step: number,
  load: (t: number) => number,
) {
  let s = state;
  for (let t = from; t < to; t += step) s = observeLoad(s, c, t, load(t));
  return s;
}

const diurnal = (t: number) => 100 + 60 * Math.sin((2 * Math.PI * t) / DAY);

describe('forecaster', () => {
  it('says nothing until it has seen a full period of its shortest season', () => {
    const s = feed(initForecast(cfg), cfg, 0, DAY / 2, 10_000, diurnal);
    expect(predictLoad(s, cfg, DAY / 2)).toBeUndefined();
  });

  it('learns a daily pattern and forecasts the load lead ms ahead with a small error', () => {
    const s = feed(initForecast(cfg), cfg, 0, 3 * DAY, 10_000, diurnal);
    const now = 3 * DAY;
    const f = predictLoad(s, cfg, now);
    expect(f).toBeDefined();
    const want = diurnal(now + cfg.lead);
    expect(Math.abs((f?.rps ?? 0) - want) / want).toBeLessThan(0.05);
    expect(f?.error).toBeLessThan(0.05);
  });

  it('raises the forecast before a spike that recurs every day at the same time', () => {
    const spike = (t: number) => (t % DAY >= DAY / 2 && t % DAY < DAY / 2 + 600_000 ? 400 : 100);
    const s = feed(initForecast(cfg), cfg, 0, 3 * DAY + DAY / 2 - 60_000, 10_000, spike);
    const f = predictLoad(s, cfg, 3 * DAY + DAY / 2 - 60_000);
    expect(f?.rps).toBeGreaterThan(300);
  });

  it('shrinks forecast rises that have not been coming true, such as one-off spikes', () => {
    // A 10-minute spike at a different time each day: the profile remembers
    // yesterday's spike, but the spikes it predicted on earlier days never came.
    const spikeAt = (day: number) => day * DAY + (6 + 3 * day) * 3_600_000;
    const oneOff = (t: number) => {
      const day = Math.floor(t / DAY);
      const s = spikeAt(day);
      return t >= s && t < s + 600_000 ? 400 : 100;
    };
    const now = 3 * DAY + (6 + 3 * 2) * 3_600_000 - 60_000; // one minute before yesterday's spike time
    const s = feed(initForecast(cfg), cfg, 0, now, 10_000, oneOff);
    expect(s.riseTrust).toBeLessThan(0.2);
    expect(predictLoad(s, cfg, now)?.rps).toBeLessThan(150);
  });

  it('reports a large error on load with no seasonality, so callers fall back to reactive scaling', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const bins = new Map<number, number>();
    const noise = (t: number) => {
      const b = Math.floor(t / 60_000);
      if (!bins.has(b)) bins.set(b, 10 + 200 * rand() ** 3);
      return bins.get(b) ?? 0;
    };
    const s = feed(initForecast(cfg), cfg, 0, 2 * DAY, 10_000, noise);
    const f = predictLoad(s, cfg, 2 * DAY);
    expect(f).toBeDefined();
    expect(f?.error).toBeGreaterThan(cfg.maxError);
  });

  it('is pure: observing never changes the state it was given', () => {
    const s0 = feed(initForecast(cfg), cfg, 0, 2 * DAY, 60_000, diurnal);
    const before = JSON.stringify(s0);
    feed(s0, cfg, 2 * DAY, 2 * DAY + 3_600_000, 10_000, diurnal);
    expect(JSON.stringify(s0)).toBe(before);
  });

  it('survives a JSON round trip and stays bounded in size', () => {
    const weekly: Predictive = { ...cfg, seasons: [DAY, 7 * DAY] };
    const s = feed(initForecast(weekly), weekly, 0, 9 * DAY, 60_000, diurnal);
    const copy = JSON.parse(JSON.stringify(s)) as ForecastState;
    const t = 9 * DAY;
    expect(predictLoad(copy, weekly, t)).toEqual(predictLoad(s, weekly, t));
    expect(JSON.stringify(s).length).toBeLessThan(400_000);
    expect(s.pending.length).toBeLessThanOrEqual(Math.ceil(weekly.lead / 60_000) + 2);
  });

  it('ignores samples that are not finite or negative', () => {
    const s = feed(initForecast(cfg), cfg, 0, 600_000, 10_000, diurnal);
    expect(observeLoad(s, cfg, 600_000, Number.NaN)).toBe(s);
    expect(observeLoad(s, cfg, 600_000, -1)).toBe(s);
  });

  it('closes a bin by copying one chunk of each profile and sharing the rest', () => {
    const weekly: Predictive = { ...cfg, seasons: [DAY, 7 * DAY] };
    // A day of the usual load, then minute 0 of day 2 at 500 rps.
    const day = feed(initForecast(weekly), weekly, 0, DAY, 10_000, diurnal);
    const before = feed(day, weekly, DAY, DAY + 60_000, 10_000, () => 500);
    // The next sample opens a new bin, which closes the previous one.
    const after = observeLoad(before, weekly, DAY + 60_000, 100);
    for (const [i, season] of after.seasons.entries()) {
      const old = before.seasons[i];
      expect(season.chunks.length).toBe(Math.ceil(season.bins / PROFILE_CHUNK));
      const copied = season.chunks.filter((c, j) => c !== old?.chunks[j]);
      expect(copied).toHaveLength(1);
    }
    // The bin that closed (minute 0 of the daily season) moved 40% of the way to 500.
    const [was, now] = [before.seasons[0], after.seasons[0]];
    if (!was || !now) throw new Error('no daily season');
    expect(profileAt(now, 0)).toBeCloseTo(profileAt(was, 0) + 0.4 * (500 - profileAt(was, 0)), 0);
    expect(now.chunks[0]).not.toBe(was.chunks[0]);
  });

  it('restores a state of the one-array-per-profile format (version 1) with the same forecasts', () => {
    const weekly: Predictive = { ...cfg, seasons: [DAY, 7 * DAY] };
    const s = feed(initForecast(weekly), weekly, 0, 8 * DAY, 60_000, diurnal);
    const v1 = JSON.parse(
      JSON.stringify({
        ...s,
        version: 1,
        seasons: s.seasons.map(({ chunks, ...season }) => ({ ...season, profile: chunks.flat() })),
      }),
    );
    const restored = restoreForecast(v1, weekly);
    expect(restored).toEqual(JSON.parse(JSON.stringify(s)));
    expect(restored && predictLoad(restored, weekly, 8 * DAY)).toEqual(predictLoad(s, weekly, 8 * DAY));
  });

  it('starts afresh when the configured seasons changed or the state is not one', () => {
    const s = feed(initForecast(cfg), cfg, 0, DAY, 60_000, diurnal);
    expect(restoreForecast(s, cfg)).toBe(s);
    expect(restoreForecast(s, { ...cfg, seasons: [DAY, 7 * DAY] })).toBeUndefined();
    expect(restoreForecast({ version: 3, seasons: [] }, { ...cfg, seasons: [] })).toBeUndefined();
    expect(restoreForecast('nope', cfg)).toBeUndefined();
  });
});
