import { describe, expect, it } from 'vitest';
import type { Machine, MachineHealth, MachineState } from '../../src/provider.js';
import { type ReconcileInput, reconcile } from '../../src/reconcile/reconcile.js';

function m(
  id: string,
  state: MachineState,
  opts: { region?: string; at?: number; health?: MachineHealth } = {},
) {
  return {
    id,
    app: 'web',
    region: opts.region ?? 'ams',
    state,
    createdAt: opts.at ?? 0,
    health: opts.health ?? 'healthy',
  } satisfies Machine;
}

/** Compact form of a step for table comparison: `start:a`, `create:ams`, `create-warm:ams`. */
function brief(input: ReconcileInput): string[] {
  return reconcile(input).map((s) =>
    s.action === 'create' ? `create${s.skipLaunch ? '-warm' : ''}:${s.region}` : `${s.action}:${s.id}`,
  );
}

interface Case {
  readonly name: string;
  readonly input: ReconcileInput;
  readonly want: string[];
}

const cases: Case[] = [
  {
    name: 'a converged fleet needs no step',
    input: { desired: { ams: 2 }, machines: [m('a', 'started'), m('b', 'started')] },
    want: [],
  },
  {
    name: 'an empty fleet creates in the asked region',
    input: { desired: { ams: 2 }, machines: [] },
    want: ['create:ams', 'create:ams'],
  },
  {
    name: 'starts suspended, then stopped, before creating',
    input: { desired: { ams: 3 }, machines: [m('s', 'stopped'), m('p', 'suspended')] },
    want: ['start:p', 'start:s', 'create:ams'],
  },
  {
    name: 'scale down parks into the warm pool, then destroys',
    input: {
      desired: { ams: 1 },
      machines: [m('a', 'started', { at: 1 }), m('b', 'started', { at: 2 }), m('c', 'started', { at: 3 })],
      warmPool: 1,
    },
    want: ['stop:c', 'destroy:b'],
  },
  {
    name: 'scale down removes unhealthy first, then newest',
    input: {
      desired: { ams: 1 },
      machines: [
        m('old-bad', 'started', { at: 1, health: 'unhealthy' }),
        m('mid', 'started', { at: 2 }),
        m('new', 'started', { at: 3 }),
      ],
    },
    want: ['destroy:old-bad', 'destroy:new'],
  },
  {
    name: 'never touches a machine mid-transition',
    input: {
      desired: { ams: 0 },
      machines: [
        m('a', 'starting', { at: 9 }),
        m('b', 'stopping'),
        m('c', 'destroying'),
        m('d', 'started', { at: 1 }),
      ],
    },
    want: ['destroy:d'],
  },
  {
    name: 'scale down waits for a booting machine rather than dropping below the desired started count',
    input: { desired: { ams: 1 }, machines: [m('a', 'started', { at: 1 }), m('b', 'starting', { at: 2 })] },
    want: [],
  },
  {
    name: 'scale down removes only what leaves the desired count started',
    input: {
      desired: { ams: 1 },
      machines: [m('a', 'started', { at: 1 }), m('b', 'started', { at: 2 }), m('c', 'starting', { at: 3 })],
    },
    want: ['destroy:b'],
  },
  {
    name: 'scale down with fewer started machines than wanted removes nothing',
    input: {
      desired: { ams: 3 },
      machines: [m('a', 'started'), m('b', 'started'), m('c', 'starting'), m('d', 'starting')],
    },
    want: [],
  },
  {
    name: 'starting machines count as running',
    input: { desired: { ams: 2 }, machines: [m('a', 'starting'), m('b', 'started')] },
    want: [],
  },
  {
    name: 'stopping machines count toward the warm pool',
    input: { desired: { ams: 1 }, machines: [m('a', 'started'), m('b', 'stopping')], warmPool: 1 },
    want: [],
  },
  {
    name: 'refills the warm pool with skip-launch creates',
    input: { desired: { ams: 1 }, machines: [m('a', 'started')], warmPool: 2 },
    want: ['create-warm:ams', 'create-warm:ams'],
  },
  {
    name: 'trims a surplus warm pool, unhealthy then newest',
    input: {
      desired: { ams: 0 },
      machines: [
        m('x', 'stopped', { at: 1 }),
        m('y', 'stopped', { at: 2, health: 'unhealthy' }),
        m('z', 'stopped', { at: 3 }),
      ],
      warmPool: 1,
    },
    want: ['destroy:y', 'destroy:z'],
  },
  {
    name: 'creates in the regions the decision asks for',
    input: { desired: { ams: 1, ord: 2 }, machines: [m('a', 'started', { region: 'ams' })] },
    want: ['create:ord', 'create:ord'],
  },
  {
    name: 'a region missing from desired is scaled to zero',
    input: { desired: { ams: 1 }, machines: [m('a', 'started'), m('b', 'started', { region: 'syd' })] },
    want: ['destroy:b'],
  },
  {
    name: 'maxSteps bounds the work, most urgent first, interleaving regions',
    input: { desired: { ams: 3, ord: 3 }, machines: [m('s', 'stopped', { region: 'ord' })], maxSteps: 3 },
    want: ['start:s', 'create:ams', 'create:ord'],
  },
  {
    name: 'failed machines are destroyed and do not count',
    input: { desired: { ams: 1 }, machines: [m('f', 'failed')] },
    want: ['create:ams', 'destroy:f'],
  },
  {
    name: 'an unhealthy started machine counts as running by default',
    input: { desired: { ams: 1 }, machines: [m('u', 'started', { health: 'unhealthy' })] },
    want: [],
  },
  {
    name: 'replaceUnhealthy starts a replacement and destroys the unhealthy machine',
    input: {
      desired: { ams: 1 },
      machines: [m('u', 'started', { health: 'unhealthy' }), m('s', 'stopped')],
      replaceUnhealthy: true,
    },
    want: ['start:s', 'destroy:u'],
  },
  {
    name: 'park may suspend instead of stop',
    input: { desired: { ams: 0 }, machines: [m('a', 'started')], warmPool: 1, park: 'suspend' },
    want: ['suspend:a'],
  },
  {
    name: 'a warm-pool record names its regions',
    input: { desired: { ams: 0 }, machines: [], warmPool: { ord: 1 } },
    want: ['create-warm:ord'],
  },
];

describe('reconcile', () => {
  it.each(cases)('$name', ({ input, want }) => {
    const got = brief(input);
    expect(got, `got ${JSON.stringify(got)} want ${JSON.stringify(want)}`).toEqual(want);
  });

  it('explains every step with a reason', () => {
    const steps = reconcile({ desired: { ams: 2 }, machines: [m('s', 'stopped')] });
    expect(steps.map((s) => s.reason)).toEqual([
      'scale up: 0 of 2 running in ams, start stopped',
      'scale up: 0 of 2 running in ams, no idle machine left',
    ]);
  });

  it('converges: applying the steps repeatedly reaches the desired shape', () => {
    let machines: Machine[] = [
      m('a', 'started', { at: 1 }),
      m('b', 'stopped', { at: 2 }),
      m('c', 'failed', { at: 3 }),
    ];
    let n = 0;
    for (let round = 0; round < 10; round++) {
      const steps = reconcile({ desired: { ams: 4, ord: 1 }, machines, warmPool: 1, maxSteps: 2 });
      if (steps.length === 0) break;
      for (const s of steps) {
        if (s.action === 'create')
          machines.push(m(`n${n++}`, s.skipLaunch ? 'created' : 'started', { region: s.region }));
        else if (s.action === 'destroy') machines = machines.filter((x) => x.id !== s.id);
        else
          machines = machines.map((x) =>
            x.id === s.id ? { ...x, state: s.action === 'start' ? 'started' : 'stopped' } : x,
          );
      }
    }
    const count = (region: string, states: MachineState[]) =>
      machines.filter((x) => x.region === region && states.includes(x.state)).length;
    expect(count('ams', ['started'])).toBe(4);
    expect(count('ord', ['started'])).toBe(1);
    expect(count('ams', ['stopped', 'created'])).toBe(1);
    expect(count('ord', ['stopped', 'created'])).toBe(1);
    expect(machines.some((x) => x.state === 'failed')).toBe(false);
    expect(reconcile({ desired: { ams: 4, ord: 1 }, machines, warmPool: 1 })).toEqual([]);
  });
});
