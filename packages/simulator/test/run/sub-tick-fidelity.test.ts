import { fileURLToPath } from 'node:url';
import { loadConfigOrThrow } from '@governor/config';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { traceOf } from '../helpers/synthetic-trace.js';

const cpu = loadConfigOrThrow(fileURLToPath(new URL('../fixtures/policy.cpu-target.yaml', import.meta.url)), {
  checkEnv: false,
});
const fixed = loadConfigOrThrow(
  fileURLToPath(new URL('../fixtures/policy.fixed-fleet.yaml', import.meta.url)),
  { checkEnv: false },
);

// 1 s rows, 60 req/s (3 machines' worth within a 250 ms P99) with a 3 s overload at
// 400 req/s in t = [61, 64), inside the 5 s tick [60, 65).
const spike = traceOf(180, 1, (t) => (t >= 61 && t < 64 ? 400 : 60));

async function run(tick: number) {
  const r = await simulate({ config: fixed, trace: spike, tick, window: 5000, baselines: [] });
  const card = r.scorecards[0];
  if (!card) throw new Error('no scorecard');
  return card;
}

describe('every trace row inside a tick is simulated', () => {
  it('a 3 s spike inside one 5 s tick costs the same at --tick 5 as at --tick 1 (fleet held at 3 machines)', async () => {
    const [one, five] = [await run(1000), await run(5000)];
    // The fleet never changed, so the difference could only come from the queue.
    expect(one.machineSeconds).toBe(3 * 180);
    expect(five.machineSeconds).toBe(3 * 180);
    // The spike overflows the queues and the backlog takes seconds to drain.
    expect(five.sloViolationSeconds).toBeGreaterThanOrEqual(3);
    expect(five.errorShare).toBeGreaterThan(0);
    expect({ violation: five.sloViolationSeconds, errors: five.errorShare }).toEqual({
      violation: one.sloViolationSeconds,
      errors: one.errorShare,
    });
    expect(five.sloViolationMinutes).toBe(one.sloViolationMinutes);
  });

  it('--peak-machines sizes the one-second peak inside a tick, and the oracle is ready for it', async () => {
    // 1 s rows at 20 req/s with a single 1 s row at 200 req/s at t = 602 (inside the tick [600, 605)).
    const trace = traceOf(1200, 1, (t) => (t === 602 ? 200 : 20));
    const r = await simulate({
      config: cpu,
      trace,
      tick: 5000,
      window: 5000,
      peakMachines: 5,
      baselines: ['oracle'],
    });
    expect(Math.ceil(r.trace.peakRps / r.perMachineRps)).toBe(5);
    const oracle = r.scorecards.find((c) => c.policy === 'oracle');
    expect(oracle?.underProvisionedMachineSeconds).toBe(0);
    expect(oracle?.sloViolationSeconds).toBe(0);
    expect(Math.max(...(r.series.policies.oracle?.machinesMax ?? []))).toBe(5);
  });
});
