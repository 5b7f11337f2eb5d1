import { FakeProvider } from '@governor/provider-emulators/fake';
import { executeStep, type Machine, reconcile } from '@governor/providers';
import type { MachineObservation } from '@governor/scaler';
import { CollectorWindow, type WindowMetrics } from '../model/collector-window.js';
import { ScoreAccumulator } from '../score/score-accumulator.js';
import type { Scorecard } from '../score/scorecard.js';
import type { Controller } from './controller.js';
import { PointAccumulator, type PolicySeries } from './series.js';
import { readyTotal, serveSegment } from './serve-segment.js';
import type { SimulationSetup } from './simulation-setup.js';

/** The outcome of one controller over one simulation. */
export interface ControllerRun {
  readonly scorecard: Scorecard;
  /** One series per requested {@link SeriesWindow}, in order. */
  readonly series: readonly PolicySeries[];
}

/** A stretch of ticks `[start, end)` to record as chart points of `ticksPerPoint` ticks. */
export interface SeriesWindow {
  readonly start: number;
  readonly end: number;
  readonly ticksPerPoint: number;
}

/** Progress callback: ticks done of the total. */
export type ProgressFn = (done: number, total: number) => void;

const BILLED = new Set(['starting', 'started', 'stopping', 'suspending', 'replacing']);
const RUNNING = new Set(['starting', 'started', 'replacing']);

/**
 * Drives one controller through the whole trace: at each tick the fake
 * provider settles due transitions, every region's queue serves its load,
 * collectors summarize windows, the controller decides, and `reconcile`'s
 * steps are executed on the fake provider.
 */
export async function runController(
  setup: SimulationSetup,
  controller: Controller,
  seriesWindows: readonly SeriesWindow[],
  onProgress?: ProgressFn,
): Promise<ControllerRun> {
  const { model, dt, regions, app } = setup;
  let now = 0;
  let fleetVersion = 0;
  const startedAt = new Map<string, number>();
  const provider = new FakeProvider({
    now: () => now,
    bootTime: model.bootTime,
    startTime: model.startTime,
    resumeTime: model.resumeTime,
    stopTime: model.stopTime,
    machines: initialMachines(setup),
    onTransition: (m, _from, at) => {
      fleetVersion++;
      if (m.state === 'started') startedAt.set(m.id, at);
      else startedAt.delete(m.id);
    },
  });
  for (const m of provider.listSync(app)) startedAt.set(m.id, 0);
  const windows = regions.map(() => new CollectorWindow());
  const backlog = new Float64Array(regions.length);
  const score = new ScoreAccumulator(1 - setup.quantile);
  const charts = seriesWindows.map((w) => ({
    w,
    machines: new PointAccumulator(w.ticksPerPoint, 'mean'),
    p99: new PointAccumulator(w.ticksPerPoint, 'max'),
    p99Mean: new PointAccumulator(w.ticksPerPoint, 'mean'),
  }));
  const regionIndex = new Map(regions.map((r, i) => [r, i]));
  const ready = new Int32Array(regions.length);
  const servingAtStart = new Set<string>();
  const { segments } = setup;
  const progressEvery = Math.max(1, Math.floor(setup.ticks / 100));

  let seenVersion = -1;
  let windowsClosed = 0;
  let seenClosed = -1;
  let observed: MachineObservation[] = [];
  let lastPlan = '';
  for (let k = 0; k < setup.ticks; k++) {
    now = k * dt;
    // Collectors publish a snapshot at each window boundary; the tick at `now` sees windows ended by `now`.
    if (k > 0 && Math.floor(now / setup.window) > Math.floor((now - dt) / setup.window)) {
      for (const w of windows) w.close(now);
      windowsClosed++;
    }
    const machines = provider.listSync(app);
    ready.fill(0);
    let billed = 0;
    servingAtStart.clear();
    for (const m of machines) {
      if (BILLED.has(m.state)) billed++;
      const ri = regionIndex.get(m.region);
      if (ri !== undefined && m.state === 'started' && m.health !== 'unhealthy') {
        ready[ri] = (ready[ri] ?? 0) + 1;
        servingAtStart.add(m.id);
      }
    }
    const masked = setup.masked[k] === 1;
    if (fleetVersion !== seenVersion || windowsClosed !== seenClosed) {
      seenVersion = fleetVersion;
      seenClosed = windowsClosed;
      observed = machines.map((m) =>
        observe(m, startedAt.get(m.id), windows[regionIndex.get(m.region) ?? -1]?.last),
      );
    }
    const observations = { app, edgeRps: setup.tickRps[k] ?? 0, machines: observed };
    const out = controller.tick({ t: now, tick: k, machines, observations });
    score.desired(
      Object.values(out.desired).reduce((a, b) => a + b, 0),
      !masked,
    );
    // reconcile is pure: with the same fleet and target it plans the same steps.
    const park = out.park ?? 'stop';
    const planKey = `${fleetVersion}|${out.warmPool}|${park}|${JSON.stringify(out.desired)}`;
    const steps =
      planKey === lastPlan ? [] : reconcile({ desired: out.desired, machines, warmPool: out.warmPool, park });
    lastPlan = steps.length === 0 ? planKey : '';
    for (const step of steps) {
      try {
        await executeStep(provider, app, step);
      } catch {
        // A refused step (busy machine) is retried by the next tick's plan.
      }
    }
    if (!masked) score.providerActions(steps.length);
    if (!masked && setup.loadSteps[k] === 1)
      score.loadStep(now / 1000, setup.idealTotal[k] ?? 0, readyTotal(ready));
    // Every trace row inside the tick is served for the time it lasts. Machines that become
    // ready within the tick (a resume is shorter than a tick) serve from the next segment on;
    // machines the tick's steps take away still serve to its end (they drain).
    let p99 = 0;
    let anyArrivals = false;
    let segVersion = fleetVersion;
    const to = segments.start[k + 1] ?? 0;
    for (let i = segments.start[k] ?? 0; i < to; i++) {
      const segAt = (segments.t[i] ?? 0) * 1000;
      if (segAt > now) {
        provider.advanceTo(segAt);
        if (fleetVersion !== segVersion) {
          segVersion = fleetVersion;
          billed += joinedReady(provider.listSync(app), servingAtStart, regionIndex, ready);
        }
      }
      const row = segments.row[i] ?? 0;
      const len = segments.seconds[i] ?? 0;
      const seg = serveSegment(setup, backlog, windows, ready, setup.trace.rps[row] ?? 0, len);
      if (setup.trace.masked[row] !== 1) {
        score.add({
          t: segments.t[i] ?? 0,
          dt: len,
          ideal: setup.segmentIdeal[i] ?? 0,
          ready: seg.ready,
          billed,
          arrivals: seg.arrivals,
          failed: seg.failed,
          slow: seg.slow,
          violated: seg.arrivals > 0 && (seg.slow + seg.failed) / seg.arrivals > 1 - setup.quantile,
        });
      }
      if (seg.arrivals > 0) {
        anyArrivals = true;
        p99 = Math.max(p99, seg.p99);
      }
    }
    for (const c of charts) {
      if (k < c.w.start || k >= c.w.end) continue;
      c.machines.add(k - c.w.start, billed);
      c.p99.add(k - c.w.start, anyArrivals ? p99 * 1000 : 0);
      c.p99Mean.add(k - c.w.start, anyArrivals ? p99 * 1000 : 0);
    }

    if (onProgress && k % progressEvery === 0) onProgress(k, setup.ticks);
  }
  onProgress?.(setup.ticks, setup.ticks);
  return {
    scorecard: score.result(controller.name, controller.kind, (setup.ticks * dt) / 1000),
    series: charts.map((c) => ({
      machines: c.machines.finish(),
      machinesMin: c.machines.lows,
      machinesMax: c.machines.highs,
      p99: c.p99.finish(),
      p99Min: c.p99.lows,
      p99Mean: c.p99Mean.finish(),
    })),
  };
}

/**
 * Adds to `ready` the machines that became ready since the tick started
 * (counted once: they join `serving`); returns how many joined, to bill.
 */
function joinedReady(
  machines: readonly Machine[],
  serving: Set<string>,
  regionIndex: ReadonlyMap<string, number>,
  ready: Int32Array,
): number {
  let joined = 0;
  for (const m of machines) {
    if (m.state !== 'started' || m.health === 'unhealthy' || serving.has(m.id)) continue;
    const ri = regionIndex.get(m.region);
    if (ri === undefined) continue;
    serving.add(m.id);
    ready[ri] = (ready[ri] ?? 0) + 1;
    joined++;
  }
  return joined;
}

function observe(
  m: Machine,
  startedAt: number | undefined,
  last: WindowMetrics | undefined,
): MachineObservation {
  const ready = m.state === 'started' && m.health !== 'unhealthy';
  const obs: MachineObservation = { id: m.id, region: m.region, running: RUNNING.has(m.state), ready };
  if (startedAt !== undefined) obs.startedAt = startedAt;
  // A machine has a snapshot only once it served a whole collector window.
  if (ready && last && startedAt !== undefined && startedAt <= last.start) {
    obs.metrics = { cpu: last.cpu, rps: last.rps, errorRatio: last.errorRatio, latency: last.latency };
  }
  return obs;
}

function initialMachines(setup: SimulationSetup) {
  const out = [];
  let n = 0;
  for (let ri = 0; ri < setup.regions.length; ri++) {
    const count = Math.max(1, setup.ideal[ri]?.[0] ?? 0);
    for (let i = 0; i < count; i++) {
      n++;
      out.push({
        id: `init${String(n).padStart(4, '0')}`,
        app: setup.app,
        region: setup.regions[ri] ?? '',
        state: 'started' as const,
        health: 'healthy' as const,
        createdAt: 0,
      });
    }
  }
  return out;
}
