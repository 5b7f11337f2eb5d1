import { describe, expect, it } from 'vitest';
import { DEFAULT_MACHINE_MODEL } from '../../src/index.js';
import type { Controller, ControllerOutput } from '../../src/run/controller.js';
import { runController } from '../../src/run/run-controller.js';
import { prepareSimulation } from '../../src/run/simulation-setup.js';
import { traceOf } from '../helpers/synthetic-trace.js';

// 1 s rows at 50 req/s: two demo machines' worth within a 250 ms P99 for the whole trace.
const setup = prepareSimulation({
  app: 'web',
  trace: traceOf(120, 1, () => 50),
  model: DEFAULT_MACHINE_MODEL,
  slo: 0.25,
  quantile: 0.99,
  dt: 5000,
  window: 5000,
  regions: ['local'],
  split: [1],
  epoch: 0,
});

/** Two machines, one of them parked in the warm pool for ticks 6-11 (30-60 s), then asked back at tick 12 (60 s). */
function scripted(park: 'stop' | 'suspend'): Controller {
  return {
    name: `scripted-${park}`,
    kind: 'baseline',
    tick({ tick }): ControllerOutput {
      const parked = tick >= 6 && tick < 12;
      // The pool holds only the parked machine (no warm-pool create to start instead).
      return { desired: { local: parked ? 1 : 2 }, warmPool: parked ? 1 : 0, park };
    },
  };
}

describe('machines that become ready within a tick serve from then on', () => {
  it('a suspended machine resumes 2 s into the tick and serves its last 3 s; a stopped one waits for the next tick', async () => {
    const stop = (await runController(setup, scripted('stop'), [])).scorecard;
    const suspend = (await runController(setup, scripted('suspend'), [])).scorecard;
    // The ideal fleet is 2 machines throughout; one machine short is 1 machine-second a second.
    expect(setup.segmentIdeal.every((n) => n === 2)).toBe(true);
    // Asked back at 60 s: resumed at 62 s (serving 62-120), started at 65 s (serving 65-120).
    expect(stop.underProvisionedMachineSeconds - suspend.underProvisionedMachineSeconds).toBe(3);
    // ...and billed from the moment it serves: 3 machine-seconds more.
    expect(suspend.machineSeconds - stop.machineSeconds).toBe(3);
  });

  it('a machine taken away by a tick still serves to the end of that tick (it drains)', async () => {
    const never: Controller = {
      name: 'two',
      kind: 'baseline',
      tick: () => ({ desired: { local: 2 }, warmPool: 0 }),
    };
    const parked = (await runController(setup, scripted('stop'), [])).scorecard;
    const full = (await runController(setup, never, [])).scorecard;
    // Short for ticks 7-12 only (35-65 s): the machine parked at 30 s served [30, 35).
    expect(full.underProvisionedMachineSeconds).toBe(0);
    expect(parked.underProvisionedMachineSeconds).toBe(30);
  });
});
