import type { CreateMachineOptions, Machine, Provider } from '@governor/providers';
import { describe, expect, it } from 'vitest';
import { createScaleWorker } from '../src/scale-worker.js';

/**
 * An in-memory provider whose operations complete at once; `failCreate` makes
 * create throw, `log` records every change, `onCreate` runs after a create.
 */
class MemoryProvider implements Provider {
  readonly kind = 'memory';
  machines: Machine[] = [];
  failCreate = false;
  readonly log: string[] = [];
  onCreate?: () => void;
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
      state: o.skipLaunch ? 'stopped' : 'started',
      createdAt: this.n,
      health: 'healthy',
    };
    this.machines.push(m);
    this.log.push(o.skipLaunch ? 'create warm' : 'create');
    this.onCreate?.();
    return m;
  }
  async start() {}
  async stop(_app: string, id: string) {
    this.park(id, 'stopped');
  }
  async suspend(_app: string, id: string) {
    this.park(id, 'suspended');
  }
  private park(id: string, state: 'stopped' | 'suspended') {
    this.machines = this.machines.map((m) => (m.id === id ? { ...m, state } : m));
    this.log.push(`${state} ${id}`);
  }
  async destroy(_app: string, id: string) {
    this.machines = this.machines.filter((m) => m.id !== id);
    this.log.push(`destroy ${id}`);
  }
  async close() {}
}

const signal = new AbortController().signal;

describe('createScaleWorker', () => {
  it('lists, plans and applies steps, reporting each with the decision id', async () => {
    const provider = new MemoryProvider();
    const seen: string[] = [];
    const worker = createScaleWorker({
      provider: () => provider,
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
    const warmCreates = async (warmPool: number | undefined) => {
      const provider = new MemoryProvider();
      const worker = createScaleWorker({ provider: () => provider, warmPool: () => 1 });
      await worker({ app: 'demo', decisionId: 'd', desired: { local: 1 }, warmPool }, signal);
      return provider.log.filter((l) => l === 'create warm').length;
    };
    pools.push(await warmCreates(3), await warmCreates(0), await warmCreates(undefined));
    expect(pools).toEqual([3, 0, 1]);
  });

  it("parks a scale-down in the warm pool as the request says (the app's `park`), stopping by default", async () => {
    const parked = async (park: 'stop' | 'suspend' | undefined) => {
      const provider = new MemoryProvider();
      const worker = createScaleWorker({ provider: () => provider });
      await worker({ app: 'demo', decisionId: 'up', desired: { local: 2 } }, signal);
      provider.log.length = 0;
      await worker(
        { app: 'demo', decisionId: 'down', desired: { local: 1 }, warmPool: 1, ...(park ? { park } : {}) },
        signal,
      );
      return provider.log;
    };
    expect(await parked('suspend')).toEqual(['suspended m2']);
    expect(await parked('stop')).toEqual(['stopped m2']);
    expect(await parked(undefined)).toEqual(['stopped m2']);
  });

  it('drains the running machines a scale-down removes, once, before the first step', async () => {
    const provider = new MemoryProvider();
    const { log } = provider;
    const worker = createScaleWorker({
      provider: () => provider,
      drain: async (app, ids) => {
        log.push(`drain ${app} ${ids.join(',')}`);
      },
    });
    await worker({ app: 'demo', decisionId: 'd1', desired: { a: 3 } }, signal);
    expect(log).toEqual(['create', 'create', 'create']);
    log.length = 0;
    await worker({ app: 'demo', decisionId: 'd2', desired: { a: 1 } }, signal);
    // reconcile removes the newest machines first.
    expect(log).toEqual(['drain demo m3,m2', 'destroy m3', 'destroy m2']);
  });

  it('still scales down when draining fails, and reports the failure', async () => {
    const provider = new MemoryProvider();
    const errors: unknown[] = [];
    const worker = createScaleWorker({
      provider: () => provider,
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
    const worker = createScaleWorker({ provider: () => provider });
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
    provider.onCreate = () => abort.abort(new Error('timeout'));
    const worker = createScaleWorker({ provider: () => provider });
    await expect(worker({ app: 'demo', decisionId: 'd', desired: { a: 3 } }, abort.signal)).rejects.toThrow(
      'timeout',
    );
    expect(provider.machines).toHaveLength(1);
  });
});
