import { PermanentProviderError, RetryableProviderError } from '../errors.js';
import type { CreateMachineOptions, Machine, Provider } from '../provider.js';
import { LocalInstance } from './local-instance.js';
import type { LocalProviderEvent, LocalProviderOptions } from './local-options.js';
import { PortAllocator } from './port-allocator.js';

/**
 * Machines as local child processes (what `governor up` and the demo run
 * on). Each machine owns a port of the range for its whole life, so its
 * `address` (127.0.0.1:PORT) is stable across crashes, stops and resumes.
 * `suspend` freezes the process group (SIGSTOP) and `start` thaws it.
 */
export class LocalProvider implements Provider {
  readonly kind = 'local';
  private readonly apps = new Map<string, Map<string, LocalInstance>>();
  private readonly ports: PortAllocator;
  private counter = 0;
  private closed = false;

  constructor(private readonly o: LocalProviderOptions) {
    this.ports = new PortAllocator(o.portRange);
  }

  async list(app: string): Promise<Machine[]> {
    return [...(this.apps.get(app)?.values() ?? [])]
      .filter((i) => i.state !== 'destroyed')
      .map((i) => i.machine());
  }

  /** Addresses of started, healthy instances of `app` (what an edge proxy routes to). */
  healthyAddresses(app: string): string[] {
    const out: string[] = [];
    for (const i of this.apps.get(app)?.values() ?? []) {
      if (i.state === 'started' && i.health === 'healthy') out.push(`127.0.0.1:${i.port}`);
    }
    return out;
  }

  /** The pid of a machine's current child process (for tests and diagnostics). */
  pidOf(app: string, id: string): number | undefined {
    return this.apps.get(app)?.get(id)?.pid;
  }

  async create(app: string, options: CreateMachineOptions): Promise<Machine> {
    if (this.closed) throw new PermanentProviderError('GOV_PROVIDER_INVALID', 'local provider is closed');
    const region = this.o.region ?? 'local';
    if (options.region !== region) {
      throw new PermanentProviderError(
        'GOV_PROVIDER_INVALID',
        `local machines run in region ${region} only`,
        {
          details: { app, region: options.region },
        },
      );
    }
    const port = await this.ports.allocate();
    this.counter++;
    const id = `${app}-${process.pid}-${this.counter}`;
    let instances = this.apps.get(app);
    if (!instances) {
      instances = new Map();
      this.apps.set(app, instances);
    }
    const now = this.o.now ?? Date.now;
    const emit = (e: Omit<LocalProviderEvent, 'at' | 'machine'>) => {
      this.o.onEvent?.({ ...e, machine: inst.machine(), at: now() });
    };
    const inst: LocalInstance = new LocalInstance(
      this.o,
      id,
      app,
      port,
      now(),
      emit,
      options.skipLaunch === true,
    );
    instances.set(id, inst);
    return inst.machine();
  }

  async start(app: string, id: string): Promise<void> {
    const inst = this.get(app, id);
    switch (inst.state) {
      case 'started':
      case 'starting':
        return;
      case 'suspended':
        inst.resume();
        return;
      case 'created':
      case 'stopped':
      case 'failed':
        inst.restarts = 0;
        inst.launch();
        return;
      default:
        throw this.busy('start', inst);
    }
  }

  async stop(app: string, id: string): Promise<void> {
    const inst = this.get(app, id);
    switch (inst.state) {
      case 'stopped':
      case 'stopping':
      case 'created':
      case 'failed':
        return;
      case 'started':
      case 'suspended':
      case 'starting':
        void inst.terminate('stopped');
        return;
      default:
        throw this.busy('stop', inst);
    }
  }

  async suspend(app: string, id: string): Promise<void> {
    const inst = this.get(app, id);
    if (inst.state === 'suspended') return;
    if (inst.state === 'started') {
      inst.suspend();
      return;
    }
    if (inst.state === 'starting' || inst.state === 'stopping') throw this.busy('suspend', inst);
    throw new PermanentProviderError(
      'GOV_PROVIDER_INVALID',
      `cannot suspend machine ${id} in state ${inst.state}`,
      {
        details: { app, id, state: inst.state },
      },
    );
  }

  async destroy(app: string, id: string): Promise<void> {
    const inst = this.apps.get(app)?.get(id);
    if (!inst || inst.state === 'destroying') return;
    void inst.terminate('destroyed').then(() => {
      this.apps.get(app)?.delete(id);
      this.ports.release(inst.port);
    });
  }

  /** Stops every child (SIGTERM, then SIGKILL after the grace period) and waits for them. */
  async close(): Promise<void> {
    this.closed = true;
    const all: Promise<void>[] = [];
    for (const instances of this.apps.values()) {
      for (const inst of instances.values()) all.push(inst.terminate('destroyed'));
    }
    await Promise.all(all);
    this.apps.clear();
  }

  /**
   * SIGKILLs every child's process group synchronously, without waiting:
   * the last resort of a process that exits now (a second Ctrl-C, a crash),
   * so no instance outlives it. Prefer {@link close}.
   */
  killAll(): void {
    this.closed = true;
    for (const instances of this.apps.values()) for (const inst of instances.values()) inst.killNow();
  }

  private get(app: string, id: string): LocalInstance {
    const inst = this.apps.get(app)?.get(id);
    if (!inst) {
      throw new PermanentProviderError('GOV_PROVIDER_NOT_FOUND', `machine ${id} of app ${app} not found`, {
        details: { app, id },
      });
    }
    return inst;
  }

  private busy(op: string, inst: LocalInstance): RetryableProviderError {
    return new RetryableProviderError(
      'GOV_PROVIDER_CONFLICT',
      `cannot ${op} machine ${inst.id} while ${inst.state}`,
      {
        details: { app: inst.app, id: inst.id, state: inst.state },
      },
    );
  }
}
