import type { CreateMachineOptions, Machine, Provider } from '@governor/providers';
import { describe, expect, it } from 'vitest';
import { createScaleWorker, type PlanInput, type PlannedStep } from '../src/scale-worker.js';

/** An in-memory provider with started machines only; `failCreate` makes create throw. */
class MemoryProvider implements Provider {
  readonly kind = 'memory';
  machines: Machine[] = [];
  failCreate = false;
  private n = 0;
  async list(app: string) {
    return this.machines.filter((m) => m.app === app);
  }
  async create(app: string, o: CreateMachineOptions) {
    if (this.failCreate) throw new Error('no capacity');
    const m: Machine = {
      id: `m${++this.n}`,
      app,
      region: o.region,
      state: 'started',
      createdAt: this.n,
      health: 'healthy',
    };
    this.machines.push(m);
    return m;
  }
  async start() {}
  async stop() {}
  async suspend() {}
  async destroy(_app: string, id: string) {
    this.machines = this.machines.filter((m) => m.id !== id);
  }
  async close() {}
}

/** Minimal planner: create or destroy the difference per region. */
function plan(input: PlanInput): PlannedStep[] {
  const steps: PlannedStep[] = [];
  for (const [region, want] of Object.entries(input.desired)) {
    const have = input.machines.filter((m) => m.region === region);
    for (let i = have.length; i < want; i++) steps.push({ action: 'create', region, reason: 'up' });
    for (const m of have.slice(want)) steps.push({ action: 'destroy', region, id: m.id, reason: 'down' });
  }
  return steps.slice(0, input.maxSteps);
}

async function execute(p: Provider, app: string, s: PlannedStep) {
  if (s.action === 'create') return p.create(app, { region: s.region });
  if (s.id) await p.destroy(app, s.id);
  return undefined;
}

const signal = new AbortController().signal;

describe('createScaleWorker', () => {
  it('lists, plans and applies steps, reporting each with the decision id', async () => {
    const provider = new MemoryProvider();
    const seen: string[] = [];
    const worker = createScaleWorker({
      provider: () => provider,
      plan,
      execute,
      onStep: (_r, s) => seen.push(s.action),
    });
    const up = await worker({ app: 'demo', decisionId: 'dec-1', desired: { local: 3 } }, signal);
    expect(up.result).toBe('ok');
    expect(up.decisionId).toBe('dec-1');
    expect(up.steps.map((s) => [s.action, s.machineId])).toEqual([
      ['create', 'm1'],
      ['create', 'm2'],
      ['create', 'm3'],
    ]);
    const down = await worker({ app: 'demo', decisionId: 'dec-2', desired: { local: 1 } }, signal);
    expect(down.steps.map((s) => s.action)).toEqual(['destroy', 'destroy']);
    expect(await provider.list('demo')).toHaveLength(1);
    expect(seen).toEqual(['create', 'create', 'create', 'destroy', 'destroy']);
  });

  it("plans with the request's warm pool (the deciding replica's), else the worker's own", async () => {
    const pools: number[] = [];
    const worker = createScaleWorker({
      provider: () => new MemoryProvider(),
      plan: (input) => {
        pools.push(input.warmPool ?? -1);
        return [];
      },
      execute,
      warmPool: () => 1,
    });
    await worker({ app: 'demo', decisionId: 'd1', desired: { local: 1 }, warmPool: 3 }, signal);
    await worker({ app: 'demo', decisionId: 'd2', desired: { local: 1 }, warmPool: 0 }, signal);
    await worker({ app: 'demo', decisionId: 'd3', desired: { local: 1 } }, signal);
    expect(pools).toEqual([3, 0, 1]);
  });

  it('drains the running machines a scale-down removes, once, before the first step', async () => {
    const provider = new MemoryProvider();
    const log: string[] = [];
    const worker = createScaleWorker({
      provider: () => provider,
      plan,
      execute: async (p, app, s) => {
        log.push(`${s.action} ${s.id ?? ''}`.trim());
        return execute(p, app, s);
      },
      drain: async (app, ids) => {
        log.push(`drain ${app} ${ids.join(',')}`);
      },
    });
    await worker({ app: 'demo', decisionId: 'd1', desired: { a: 3 } }, signal);
    expect(log).toEqual(['create', 'create', 'create']);
    log.length = 0;
    await worker({ app: 'demo', decisionId: 'd2', desired: { a: 1 } }, signal);
    expect(log).toEqual(['drain demo m2,m3', 'destroy m2', 'destroy m3']);
  });

  it('still scales down when draining fails, and reports the failure', async () => {
    const provider = new MemoryProvider();
    const errors: unknown[] = [];
    const worker = createScaleWorker({
      provider: () => provider,
      plan,
      execute,
      drain: async () => {
        throw new Error('registry down');
      },
      onDrainError: (_app, err) => errors.push(err),
    });
    await worker({ app: 'demo', decisionId: 'd1', desired: { a: 2 } }, signal);
    const r = await worker({ app: 'demo', decisionId: 'd2', desired: { a: 0 } }, signal);
    expect(r.result).toBe('ok');
    expect(await provider.list('demo')).toEqual([]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['registry down']);
  });

  it('reports a failing step as an error result and still applies the other steps', async () => {
    const provider = new MemoryProvider();
    provider.machines.push({
      id: 'x',
      app: 'demo',
      region: 'b',
      state: 'started',
      createdAt: 0,
      health: 'healthy',
    });
    provider.failCreate = true;
    const worker = createScaleWorker({ provider: () => provider, plan, execute });
    const r = await worker({ app: 'demo', decisionId: 'd', desired: { a: 1, b: 0 } }, signal);
    expect(r.result).toBe('error');
    expect(r.error?.message).toContain('no capacity');
    expect(r.steps.map((s) => [s.action, s.result])).toEqual([
      ['create', 'error'],
      ['destroy', 'ok'],
    ]);
  });

  it('stops before the next step once aborted', async () => {
    const provider = new MemoryProvider();
    const abort = new AbortController();
    const worker = createScaleWorker({
      provider: () => provider,
      plan,
      execute: async (p, app, s) => {
        abort.abort(new Error('timeout'));
        return execute(p, app, s);
      },
    });
    await expect(worker({ app: 'demo', decisionId: 'd', desired: { a: 3 } }, abort.signal)).rejects.toThrow(
      'timeout',
    );
    expect(provider.machines).toHaveLength(1);
  });
});
