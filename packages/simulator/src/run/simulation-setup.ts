import { GovernorError } from '@governor/errors';
import type { MachineModel } from '../model/machine-model.js';
import { maxRpsWithin } from '../model/queue-latency.js';
import type { Trace } from '../trace/trace.js';

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
  /** Trace row of each tick. */
  readonly row: Int32Array;
  /** 1 where the tick is masked. */
  readonly masked: Uint8Array;
  /** Ideal machines per region per tick. */
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
  const row = new Int32Array(ticks);
  const masked = new Uint8Array(ticks);
  const sum = input.split.reduce((a, b) => a + b, 0) || 1;
  const split = input.split.map((s) => s / sum);
  const ideal = input.regions.map(() => new Int32Array(ticks));
  const idealTotal = new Int32Array(ticks);
  for (let k = 0; k < ticks; k++) {
    const r = Math.min(trace.rps.length - 1, Math.floor((k * dt) / 1000 / trace.step));
    row[k] = r;
    masked[k] = trace.masked[r] ?? 0;
    const rps = trace.rps[r] ?? 0;
    let total = 0;
    split.forEach((s, ri) => {
      const need = Math.ceil((rps * s) / perMachine - 1e-9);
      const series = ideal[ri];
      if (series) series[k] = need;
      total += need;
    });
    idealTotal[k] = total;
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
  return { ...input, split, perMachine, ticks, row, masked, ideal, idealTotal, loadSteps };
}
