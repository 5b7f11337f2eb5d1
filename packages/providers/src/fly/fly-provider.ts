import { randomUUID } from 'node:crypto';
import { PermanentProviderError, RetryableProviderError } from '../errors.js';
import type { CreateMachineOptions, Machine, MachineState, Provider } from '../provider.js';
import type { FlyClientOptions } from './fly-client-options.js';
import { withMachineLease } from './fly-lease.js';
import { type FlyMachineWire, mapFlyMachine } from './fly-machine-map.js';
import { FlyMachinesClient } from './fly-machines-client.js';

/** Options of {@link FlyProvider}. */
export interface FlyProviderOptions extends FlyClientOptions {
  /** `fly_process_group` metadata value to manage. Default `app`. */
  readonly processGroup?: string;
  /** Lease TTL (seconds) taken around each mutation. Default 30. */
  readonly leaseTtlSec?: number;
  /** How long to wait for a lease held by someone else before giving up (ms). Default 5000. */
  readonly leaseWaitMs?: number;
  /** Machine config to create from when the group has no machine to copy. Default: none (create fails). */
  readonly template?: Record<string, unknown>;
}

/** Metadata key that marks one create call (see {@link FlyProvider.create}). */
export const CREATE_ID_KEY = 'governor_create_id';

type Lifecycle = 'start' | 'stop' | 'suspend';

/** What each operation does from each state: act, nothing (already there), wait (mid-transition), or refuse. */
const PLAN: Record<Lifecycle, Partial<Record<MachineState, 'act' | 'done' | 'busy' | 'invalid'>>> = {
  start: { started: 'done', starting: 'done', replacing: 'done', stopping: 'busy', suspending: 'busy' },
  stop: {
    stopped: 'done',
    stopping: 'done',
    created: 'done',
    failed: 'done',
    starting: 'busy',
    suspending: 'busy',
    replacing: 'busy',
  },
  suspend: {
    suspended: 'done',
    suspending: 'done',
    stopped: 'invalid',
    created: 'invalid',
    failed: 'invalid',
    starting: 'busy',
    stopping: 'busy',
    replacing: 'busy',
  },
};

/**
 * The Fly Machines provider. Mutations run under a machine lease (acquire,
 * send `fly-machine-lease-nonce`, release); a lease held by someone else is
 * waited for up to `leaseWaitMs`, then reported as a retryable conflict:
 * the provider never acts over another owner's lease.
 */
export class FlyProvider implements Provider {
  readonly kind = 'fly';
  readonly client: FlyMachinesClient;
  private readonly group: string;

  constructor(private readonly o: FlyProviderOptions) {
    this.client = new FlyMachinesClient(o);
    this.group = o.processGroup ?? 'app';
  }

  async list(app: string): Promise<Machine[]> {
    const res = await this.client.call<FlyMachineWire[]>({
      method: 'GET',
      path: `/apps/${enc(app)}/machines`,
      action: 'list',
      target: app,
      query: { 'metadata.fly_process_group': this.group },
    });
    return (res.body ?? []).map((m) => mapFlyMachine(app, m)).filter((m) => m.state !== 'destroyed');
  }

  async create(app: string, options: CreateMachineOptions): Promise<Machine> {
    const config = structuredClone(this.o.template ?? (await this.templateConfig(app)));
    const metadata = { ...((config.metadata as Record<string, string> | undefined) ?? {}) };
    metadata.fly_process_group = this.group;
    // Marks this create, so a retry after a lost answer finds the machine instead of making a second one.
    const createId = randomUUID();
    metadata[CREATE_ID_KEY] = createId;
    config.metadata = metadata;
    const res = await this.client.call<FlyMachineWire>({
      method: 'POST',
      path: `/apps/${enc(app)}/machines`,
      action: 'create',
      target: app,
      body: { config, region: options.region, skip_launch: options.skipLaunch === true },
      beforeRetry: async () => {
        const found = await this.client.call<FlyMachineWire[]>({
          method: 'GET',
          path: `/apps/${enc(app)}/machines`,
          action: 'list',
          target: app,
          query: { [`metadata.${CREATE_ID_KEY}`]: createId },
        });
        const m = (found.body ?? [])[0];
        return m ? { status: 200, body: m } : undefined;
      },
    });
    return mapFlyMachine(app, res.body);
  }

  async start(app: string, id: string): Promise<void> {
    await this.lifecycle('start', app, id);
  }

  async stop(app: string, id: string): Promise<void> {
    await this.lifecycle('stop', app, id);
  }

  async suspend(app: string, id: string): Promise<void> {
    await this.lifecycle('suspend', app, id);
  }

  async destroy(app: string, id: string): Promise<void> {
    const m = await this.get(app, id, true);
    if (!m || m.state === 'destroyed' || m.state === 'destroying') return;
    await this.withLease(app, id, (nonce) =>
      this.client.call({
        method: 'DELETE',
        path: `/apps/${enc(app)}/machines/${enc(id)}`,
        action: 'destroy',
        target: id,
        query: { force: 'true' },
        nonce,
        accept: [404],
      }),
    );
  }

  /**
   * Waits until the machine reaches `state` (Machines API `wait`, repeated
   * in slices of at most 60 s; for `stopped` it passes the current
   * `instance_id`), or throws a retryable GOV_PROVIDER_TIMEOUT.
   */
  async waitForState(
    app: string,
    id: string,
    state: 'started' | 'stopped' | 'suspended' | 'destroyed',
    timeoutMs = 60_000,
  ): Promise<void> {
    const now = this.o.now ?? Date.now;
    const deadline = now() + timeoutMs;
    // The API wants the instance to wait on when waiting for `stopped`.
    let instanceId: string | undefined;
    if (state === 'stopped') {
      const res = await this.client.call<FlyMachineWire>({
        method: 'GET',
        path: `/apps/${enc(app)}/machines/${enc(id)}`,
        action: 'get',
        target: id,
      });
      instanceId = res.body.instance_id;
    }
    for (;;) {
      const left = deadline - now();
      if (left <= 0) break;
      const timeout = String(Math.min(60, Math.max(1, Math.ceil(left / 1000))));
      const res = await this.client.call({
        method: 'GET',
        path: `/apps/${enc(app)}/machines/${enc(id)}/wait`,
        action: 'wait',
        target: id,
        query: { state, timeout, ...(instanceId ? { instance_id: instanceId } : {}) },
        accept: [408],
      });
      if (res.status !== 408) return;
    }
    throw new RetryableProviderError('GOV_PROVIDER_TIMEOUT', `machine ${id} did not reach ${state} in time`, {
      details: { app, id, state, timeoutMs },
    });
  }

  async close(): Promise<void> {}

  private async lifecycle(op: Lifecycle, app: string, id: string): Promise<void> {
    const check = async (): Promise<boolean> => {
      const m = await this.get(app, id);
      const state = m?.state ?? 'destroyed';
      if (state === 'destroying' || state === 'destroyed') {
        throw new PermanentProviderError('GOV_PROVIDER_NOT_FOUND', `machine ${id} is ${state}`, {
          details: { app, id, state },
        });
      }
      const what = PLAN[op][state] ?? 'act';
      if (what === 'done') return true;
      if (what === 'busy') {
        throw new RetryableProviderError(
          'GOV_PROVIDER_CONFLICT',
          `cannot ${op} machine ${id} while ${m?.state}`,
          {
            details: { app, id, state: m?.state },
          },
        );
      }
      if (what === 'invalid') {
        throw new PermanentProviderError(
          'GOV_PROVIDER_INVALID',
          `cannot ${op} machine ${id} in state ${m?.state}`,
          {
            details: { app, id, state: m?.state },
          },
        );
      }
      return false;
    };
    if (await check()) return;
    const res = await this.withLease(app, id, (nonce) =>
      this.client.call({
        method: 'POST',
        path: `/apps/${enc(app)}/machines/${enc(id)}/${op}`,
        action: op,
        target: id,
        nonce,
        accept: [412],
      }),
    );
    // 412: the state moved under us; settle for the new state if it already satisfies the request.
    if (res.status === 412 && !(await check())) {
      throw new PermanentProviderError('GOV_PROVIDER_CONFLICT', `fly refused to ${op} machine ${id}`, {
        details: { app, id },
      });
    }
  }

  private async get(app: string, id: string, missingOk = false): Promise<Machine | undefined> {
    const res = await this.client.call<FlyMachineWire>({
      method: 'GET',
      path: `/apps/${enc(app)}/machines/${enc(id)}`,
      action: 'get',
      target: id,
      ...(missingOk ? { accept: [404] } : {}),
    });
    return res.status === 404 ? undefined : mapFlyMachine(app, res.body);
  }

  private withLease<T>(app: string, id: string, fn: (nonce: string) => Promise<T>): Promise<T> {
    return withMachineLease(this.client, app, id, this.o, fn);
  }

  private async templateConfig(app: string): Promise<Record<string, unknown>> {
    const res = await this.client.call<(FlyMachineWire & { config?: Record<string, unknown> })[]>({
      method: 'GET',
      path: `/apps/${enc(app)}/machines`,
      action: 'list',
      target: app,
      query: { 'metadata.fly_process_group': this.group },
    });
    const newest = [...(res.body ?? [])]
      .filter((m) => m.state !== 'destroyed' && m.state !== 'destroying' && m.config)
      .sort((a, b) => Date.parse(b.created_at ?? '0') - Date.parse(a.created_at ?? '0'))[0];
    if (!newest?.config) {
      throw new PermanentProviderError(
        'GOV_PROVIDER_INVALID',
        `app ${app} has no machine in process group ${this.group} to copy a config from`,
        { details: { app, processGroup: this.group } },
      );
    }
    return newest.config;
  }
}

function enc(s: string): string {
  return encodeURIComponent(s);
}
