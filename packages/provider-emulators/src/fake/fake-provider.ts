import type {
  CreateMachineOptions,
  Machine,
  MachineHealth,
  MachineState,
  Provider,
} from '@governor/providers';
import { PermanentProviderError, RetryableProviderError } from '@governor/providers';
import { FailureInjector } from './fake-failures.js';
import type { BootOutcome, FailureRule, FakeProviderOptions, ProviderOp } from './fake-options.js';

interface Pending {
  /** State the machine reaches when the transition completes. */
  readonly to: 'started' | 'stopped' | 'suspended' | 'destroyed';
  readonly due: number;
}

interface Rec {
  machine: Machine;
  pending?: Pending;
}

const HEALTHY: BootOutcome = { state: 'started', health: 'healthy' };

/**
 * An in-memory provider on an injected clock. Operations begin a transition
 * (`starting`, `stopping`, ...) that completes once the clock passes its due
 * time; `list()` and every operation settle due transitions, and
 * `advanceTo(t)` does so synchronously. Cheap enough for simulators: settling
 * costs nothing while no transition is due.
 */
export class FakeProvider implements Provider {
  readonly kind = 'fake';
  /** Calls per operation, failed ones included. */
  readonly calls: Record<ProviderOp, number> = {
    list: 0,
    create: 0,
    start: 0,
    stop: 0,
    suspend: 0,
    destroy: 0,
  };
  private readonly apps = new Map<string, Map<string, Rec>>();
  private readonly pending = new Set<Rec>();
  /** Machines per app as last listed; dropped on any change of that app. */
  private readonly listCache = new Map<string, Machine[]>();
  private nextDue = Number.POSITIVE_INFINITY;
  private counter = 0;
  private readonly failures = new FailureInjector();
  private readonly now: () => number;
  private readonly o: FakeProviderOptions;

  constructor(options: FakeProviderOptions = {}) {
    this.o = options;
    this.now = options.now ?? Date.now;
    for (const f of options.failures ?? []) this.failures.add(f);
    const t = this.now();
    for (const seed of options.machines ?? []) {
      this.appMap(seed.app).set(seed.id, {
        machine: Object.freeze({ ...seed, health: seed.health ?? 'unknown', createdAt: seed.createdAt ?? t }),
      });
    }
  }

  /** Adds a failure rule (see {@link FailureRule}). */
  injectFailure(rule: FailureRule): void {
    this.failures.add(rule);
  }

  /** Removes every failure rule. */
  clearFailures(): void {
    this.failures.clear();
  }

  /** Completes every transition due at or before `t`, synchronously. */
  advanceTo(t: number): void {
    if (t < this.nextDue) return;
    const due = [...this.pending].filter((r) => r.pending !== undefined && r.pending.due <= t);
    due.sort((a, b) => (a.pending?.due ?? 0) - (b.pending?.due ?? 0));
    for (const rec of due) this.complete(rec);
    let next = Number.POSITIVE_INFINITY;
    for (const r of this.pending) if (r.pending && r.pending.due < next) next = r.pending.due;
    this.nextDue = next;
  }

  /** Synchronous `list`: settles due transitions, then returns the app's machines. */
  listSync(app: string): Machine[] {
    this.advanceTo(this.now());
    let cached = this.listCache.get(app);
    if (!cached) {
      cached = [];
      for (const rec of this.apps.get(app)?.values() ?? []) cached.push(rec.machine);
      this.listCache.set(app, cached);
    }
    return cached.slice();
  }

  /** Due time of the earliest pending transition, or Infinity when none. */
  nextTransitionAt(): number {
    return this.nextDue;
  }

  /** Sets a machine's health (e.g. to make it fail its checks). */
  setHealth(app: string, id: string, health: MachineHealth): void {
    const rec = this.rec(app, id);
    this.set(rec, { ...rec.machine, health });
  }

  /** Makes a machine crash: it lands in `failed` at once, cancelling any transition. */
  crash(app: string, id: string): void {
    const rec = this.rec(app, id);
    this.clearPending(rec);
    this.set(rec, { ...rec.machine, state: 'failed', health: 'unhealthy' });
  }

  async list(app: string): Promise<Machine[]> {
    this.calls.list++;
    this.failures.check('list', app, undefined, undefined);
    return this.listSync(app);
  }

  async create(app: string, options: CreateMachineOptions): Promise<Machine> {
    this.calls.create++;
    const t = this.now();
    this.advanceTo(t);
    this.failures.check('create', app, undefined, options.region);
    const cap = this.o.capacity?.[options.region];
    if (cap !== undefined) {
      const live = [...this.appMap(app).values()].filter((r) => r.machine.region === options.region).length;
      if (live >= cap) {
        throw new PermanentProviderError('GOV_PROVIDER_CAPACITY', `no capacity in region ${options.region}`, {
          details: { app, region: options.region },
        });
      }
    }
    this.counter++;
    const id = `${this.o.idPrefix ?? 'm'}${String(this.counter).padStart(6, '0')}`;
    const rec: Rec = {
      machine: Object.freeze({
        id,
        app,
        region: options.region,
        state: options.skipLaunch === true ? 'created' : 'starting',
        createdAt: t,
        health: 'unknown',
      }),
    };
    this.appMap(app).set(id, rec);
    this.listCache.delete(app);
    this.o.onTransition?.(rec.machine, undefined, t);
    if (options.skipLaunch !== true) this.begin(rec, 'started', t + (this.o.bootTime ?? 0));
    return rec.machine;
  }

  async start(app: string, id: string): Promise<void> {
    const rec = this.op('start', app, id);
    const s = rec.machine.state;
    if (s === 'started' || s === 'starting' || s === 'replacing') return;
    if (s === 'stopping' || s === 'suspending') throw this.busy('start', rec);
    const t = this.now();
    const d = s === 'suspended' ? this.o.resumeTime : s === 'failed' ? this.o.bootTime : this.o.startTime;
    this.transition(rec, 'starting', 'started', t + (d ?? 0));
  }

  async stop(app: string, id: string): Promise<void> {
    const rec = this.op('stop', app, id);
    const s = rec.machine.state;
    if (s === 'stopped' || s === 'stopping' || s === 'created' || s === 'failed') return;
    if (s === 'suspended') {
      // Stopping a suspended machine discards its snapshot.
      this.set(rec, { ...rec.machine, state: 'stopped' });
      return;
    }
    if (s !== 'started') throw this.busy('stop', rec);
    this.transition(rec, 'stopping', 'stopped', this.now() + (this.o.stopTime ?? 0));
  }

  async suspend(app: string, id: string): Promise<void> {
    const rec = this.op('suspend', app, id);
    const s = rec.machine.state;
    if (s === 'suspended' || s === 'suspending') return;
    if (s === 'stopped' || s === 'created' || s === 'failed') {
      throw new PermanentProviderError('GOV_PROVIDER_INVALID', `cannot suspend machine ${id} in state ${s}`, {
        details: { app, id, state: s },
      });
    }
    if (s !== 'started') throw this.busy('suspend', rec);
    const d = this.o.suspendTime ?? this.o.stopTime ?? 0;
    this.transition(rec, 'suspending', 'suspended', this.now() + d);
  }

  async destroy(app: string, id: string): Promise<void> {
    this.calls.destroy++;
    this.advanceTo(this.now());
    const rec = this.apps.get(app)?.get(id);
    this.failures.check('destroy', app, id, rec?.machine.region);
    // Destroying a missing or destroyed machine is a no-op (idempotent).
    if (!rec || rec.machine.state === 'destroying') return;
    this.transition(rec, 'destroying', 'destroyed', this.now() + (this.o.destroyTime ?? 0));
    this.advanceTo(this.now());
  }

  async close(): Promise<void> {}

  private op(op: 'start' | 'stop' | 'suspend', app: string, id: string): Rec {
    this.calls[op]++;
    this.advanceTo(this.now());
    const rec = this.apps.get(app)?.get(id);
    this.failures.check(op, app, id, rec?.machine.region);
    if (!rec) {
      throw new PermanentProviderError('GOV_PROVIDER_NOT_FOUND', `machine ${id} of app ${app} not found`, {
        details: { app, id },
      });
    }
    return rec;
  }

  private busy(op: string, rec: Rec): RetryableProviderError {
    const { id, app, state } = rec.machine;
    return new RetryableProviderError('GOV_PROVIDER_CONFLICT', `cannot ${op} machine ${id} while ${state}`, {
      details: { app, id, state },
    });
  }

  private transition(rec: Rec, via: MachineState, to: Pending['to'], due: number): void {
    const health = to === 'started' ? 'unknown' : rec.machine.health;
    this.set(rec, { ...rec.machine, state: via, health });
    this.begin(rec, to, due);
  }

  private begin(rec: Rec, to: Pending['to'], due: number): void {
    rec.pending = { to, due };
    this.pending.add(rec);
    if (due < this.nextDue) this.nextDue = due;
  }

  private clearPending(rec: Rec): void {
    rec.pending = undefined;
    this.pending.delete(rec);
  }

  private complete(rec: Rec): void {
    const p = rec.pending;
    if (!p) return;
    this.clearPending(rec);
    if (p.to === 'destroyed') {
      this.apps.get(rec.machine.app)?.delete(rec.machine.id);
      this.listCache.delete(rec.machine.app);
      this.set(rec, { ...rec.machine, state: 'destroyed' }, p.due);
      return;
    }
    if (p.to === 'started') {
      const outcome = this.o.bootOutcome?.(rec.machine) ?? HEALTHY;
      const health = outcome.state === 'failed' ? 'unhealthy' : outcome.health;
      this.set(rec, { ...rec.machine, state: outcome.state, health }, p.due);
      return;
    }
    this.set(rec, { ...rec.machine, state: p.to }, p.due);
  }

  private set(rec: Rec, next: Machine, at: number = this.now()): void {
    const from = rec.machine.state;
    rec.machine = Object.freeze(next);
    this.listCache.delete(next.app);
    if (from !== next.state) this.o.onTransition?.(rec.machine, from, at);
  }

  private rec(app: string, id: string): Rec {
    const rec = this.apps.get(app)?.get(id);
    if (!rec)
      throw new PermanentProviderError('GOV_PROVIDER_NOT_FOUND', `machine ${id} of app ${app} not found`);
    return rec;
  }

  private appMap(app: string): Map<string, Rec> {
    let m = this.apps.get(app);
    if (!m) {
      m = new Map();
      this.apps.set(app, m);
    }
    return m;
  }
}
