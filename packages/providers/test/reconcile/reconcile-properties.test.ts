import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Machine, type MachineState, SETTLED_STATES } from '../../src/provider.js';
import { reconcile } from '../../src/reconcile/reconcile.js';

const STATES: MachineState[] = [
  'created',
  'starting',
  'started',
  'stopping',
  'stopped',
  'suspending',
  'suspended',
  'replacing',
  'destroying',
  'failed',
];
const REGIONS = ['ams', 'ord', 'syd'];

const machineArb = fc.record({
  state: fc.constantFrom(...STATES),
  region: fc.constantFrom(...REGIONS),
  createdAt: fc.integer({ min: 0, max: 1_000 }),
  health: fc.constantFrom('healthy' as const, 'unhealthy' as const, 'unknown' as const),
});

const inputArb = fc.record({
  machines: fc
    .array(machineArb, { maxLength: 30 })
    .map((ms) => ms.map((m, i): Machine => ({ ...m, id: `m${i}`, app: 'web' }))),
  desired: fc.dictionary(fc.constantFrom(...REGIONS), fc.integer({ min: 0, max: 12 })),
  warmPool: fc.integer({ min: 0, max: 3 }),
  maxSteps: fc.integer({ min: 0, max: 15 }),
  replaceUnhealthy: fc.boolean(),
});

describe('reconcile properties', () => {
  it('never touches a machine mid-transition, never exceeds maxSteps, never repeats a machine', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const steps = reconcile(input);
        expect(steps.length).toBeLessThanOrEqual(input.maxSteps);
        const byId = new Map(input.machines.map((m) => [m.id, m]));
        const ids = steps.flatMap((s) => (s.action === 'create' ? [] : [s.id]));
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) {
          const m = byId.get(id);
          expect(m).toBeDefined();
          expect(SETTLED_STATES.has(m?.state as MachineState)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('starts only idle machines and stops or suspends only started ones, in their own region', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const byId = new Map(input.machines.map((m) => [m.id, m]));
        for (const s of reconcile(input)) {
          if (s.action === 'create') continue;
          const m = byId.get(s.id) as Machine;
          expect(s.region).toBe(m.region);
          if (s.action === 'start') expect(['created', 'stopped', 'suspended']).toContain(m.state);
          if (s.action === 'stop' || s.action === 'suspend') expect(m.state).toBe('started');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not create in a region while an idle machine there could be started instead', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const steps = reconcile({ ...input, maxSteps: 1_000 });
        for (const region of REGIONS) {
          const creates = steps.filter((s) => s.action === 'create' && s.region === region && !s.skipLaunch);
          if (creates.length === 0) continue;
          const idle = input.machines.filter(
            (m) => m.region === region && ['created', 'stopped', 'suspended'].includes(m.state),
          );
          const started = steps.filter((s) => s.action === 'start' && s.region === region);
          expect(started.length).toBe(idle.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('converges: applying the steps round after round reaches the desired running count and warm pool', () => {
    const SETTLE: Partial<Record<MachineState, MachineState | 'gone'>> = {
      starting: 'started',
      replacing: 'started',
      stopping: 'stopped',
      suspending: 'suspended',
      destroying: 'gone',
    };
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 5 }), (input, maxSteps) => {
        let machines = [...input.machines];
        let n = 0;
        for (let round = 0; round < 200; round++) {
          // Transitions complete between rounds.
          machines = machines.flatMap((m) => {
            const to = SETTLE[m.state];
            if (to === 'gone') return [];
            return to ? [{ ...m, state: to }] : [m];
          });
          const steps = reconcile({ ...input, machines, maxSteps });
          if (steps.length === 0) break;
          for (const s of steps) {
            if (s.action === 'create') {
              const state = s.skipLaunch ? 'created' : 'starting';
              machines.push({
                id: `new${n++}`,
                app: 'web',
                region: s.region,
                state,
                createdAt: 2_000 + n,
                health: 'healthy',
              });
            } else {
              const next = {
                start: 'starting',
                stop: 'stopping',
                suspend: 'suspending',
                destroy: 'destroying',
              } as const;
              machines = machines.map((m) => (m.id === s.id ? { ...m, state: next[s.action] } : m));
            }
          }
        }
        expect(reconcile({ ...input, machines, maxSteps })).toEqual([]);
        for (const region of REGIONS) {
          const here = machines.filter((m) => m.region === region);
          const started = here.filter((m) => m.state === 'started');
          const idle = here.filter((m) => ['created', 'stopped', 'suspended'].includes(m.state));
          const counted = input.replaceUnhealthy ? started.filter((m) => m.health !== 'unhealthy') : started;
          expect(counted.length, `started in ${region}`).toBe(input.desired[region] ?? 0);
          expect(idle.length, `idle in ${region}`).toBe(region in input.desired ? input.warmPool : 0);
          expect(here.some((m) => m.state === 'failed')).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
