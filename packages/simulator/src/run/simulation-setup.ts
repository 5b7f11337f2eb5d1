import { GovernorError } from '@governor/errors';
import type { MachineModel } from '../model/machine-model.js';
import { maxRpsWithin } from '../model/queue-latency.js';
import type { Trace } from '../trace/trace.js';
import { type TickSegments, tickSegments } from './tick-segments.js';

/** Everything every policy of one simulation shares, computed once. */
export interface SimulationSetup {
  readonly app: string;
  readonly trace: Trace;
  readonly model: MachineModel;
  /** SLO in seconds and the latency quantile it applies to (0.99 = P99). */
  readonly slo: number;
  readonly quantile: number;
  /** Tick (decision interval) and collector window, ms. */
  readonly dt: number;
  readonly window: number;
  readonly ticks: number;
  readonly regions: readonly string[];
  /** Share of the load per region (sums to 1). */
  readonly split: readonly number[];
  /** Wall-clock time (ms since epoch) of the trace start, for schedules and seasons. */
  readonly epoch: number;
  /** Highest rate one machine takes within the SLO. */
  readonly perMachine: number;
  /** The trace rows each tick covers, one segment per row. */
  readonly segments: TickSegments;
  /** Ideal machines (all regions) of each segment. */
  readonly segmentIdeal: Int32Array;
  /** Mean request rate of each tick over its segments. */
  readonly tickRps: Float64Array;
  /** 1 where every row of the tick is masked. */
  readonly masked: Uint8Array;
  /** Ideal machines per region per tick: the most any of the tick's rows needs. */
  readonly ideal: readonly Int32Array[];
  readonly idealTotal: Int32Array;
  /** 1 where a load step starts. */
  readonly loadSteps: Uint8Array;
}

/** Inputs of {@link prepareSimulation}. */
export interface SetupInput {
  readonly app: string;
  readonly trace: Trace;
  readonly model: MachineModel;
  readonly slo: number;
  readonly quantile: number;
  readonly dt: number;
  readonly window: number;
  readonly regions: readonly string[];
  readonly split: readonly number[];
  readonly epoch: number;
}

/** A load step: the ideal count rises by max(2, 50%) within a minute; at most one per 10 minutes. */
const STEP_LOOKBACK_S = 60;
const STEP_GAP_S = 600;

/** Precomputes the ideal fleet, masks and load steps of a simulation. */
export function prepareSimulation(input: SetupInput): SimulationSetup {
  const { trace, model, dt } = input;
  if (!(dt > 0) || !(input.window >= dt)) {
    throw new GovernorError(
      'GOV_CLI_SIMULATE_INPUT',
      'the tick must be positive and the collector window at least one tick',
      {
        details: { tick: dt, window: input.window },
      },
    );
  }
  const perMachine = maxRpsWithin(model, input.slo, input.quantile);
  if (!(perMachine > 0)) {
    throw new GovernorError(
      'GOV_CLI_SIMULATE_INPUT',
      `a machine cannot meet a ${input.slo * 1000} ms SLO even when idle (service time ${model.serviceTime} ms)`,
      { details: { slo: input.slo, serviceTime: model.serviceTime } },
    );
  }
  const ticks = Math.floor((trace.rps.length * trace.step * 1000) / dt);
  const segments = tickSegments(trace, dt, ticks);
  const masked = new Uint8Array(ticks);
  const tickRps = new Float64Array(ticks);
  const sum = input.split.reduce((a, b) => a + b, 0) || 1;
  const split = input.split.map((s) => s / sum);
  const ideal = input.regions.map(() => new Int32Array(ticks));
  const idealTotal = new Int32Array(ticks);
  const segmentIdeal = new Int32Array(segments.row.length);
  const need = (rps: number, s: number) => Math.ceil((rps * s) / perMachine - 1e-9);
  for (let k = 0; k < ticks; k++) {
    const from = segments.start[k] ?? 0;
    const to = segments.start[k + 1] ?? from;
    let allMasked = 1;
    let requests = 0;
    let seconds = 0;
    for (let i = from; i < to; i++) {
      const r = segments.row[i] ?? 0;
      const rps = trace.rps[r] ?? 0;
      const len = segments.seconds[i] ?? 0;
      allMasked &= trace.masked[r] ?? 0;
      requests += rps * len;
      seconds += len;
      let total = 0;
      for (let ri = 0; ri < split.length; ri++) {
        const n = need(rps, split[ri] ?? 0);
        const series = ideal[ri];
        if (series && n > (series[k] ?? 0)) series[k] = n;
        total += n;
      }
      segmentIdeal[i] = total;
      if (total > (idealTotal[k] ?? 0)) idealTotal[k] = total;
    }
    masked[k] = allMasked;
    tickRps[k] = seconds > 0 ? requests / seconds : 0;
  }
  const loadSteps = new Uint8Array(ticks);
  const back = Math.max(1, Math.round((STEP_LOOKBACK_S * 1000) / dt));
  const gap = Math.round((STEP_GAP_S * 1000) / dt);
  let last = -gap;
  for (let k = back; k < ticks; k++) {
    if (masked[k] || masked[k - back] || k - last < gap) continue;
    const ref = idealTotal[k - back] ?? 0;
    if ((idealTotal[k] ?? 0) >= ref + Math.max(2, Math.ceil(0.5 * ref))) {
      loadSteps[k] = 1;
      last = k;
    }
  }
  return {
    ...input,
    split,
    perMachine,
    ticks,
    segments,
    segmentIdeal,
    tickRps,
    masked,
    ideal,
    idealTotal,
    loadSteps,
  };
}
