import { randomBytes } from 'node:crypto';
import type { FlyApiLease, FlyApiMachine, FlyEmulatorTimings } from './fly-emulator-types.js';

interface Pending {
  readonly to: 'started' | 'stopped' | 'suspended' | 'destroyed';
  readonly due: number;
}

/** Emulator-side record of a machine. */
export interface EmuMachine {
  readonly app: string;
  api: FlyApiMachine;
  pending?: Pending;
  /** When it last reached `started` (for health checks). */
  startedAt?: number;
  /** Forced check status; undefined = passing once the health delay elapsed. */
  checkOverride?: 'passing' | 'critical';
  destroyedAt?: number;
  lease?: FlyApiLease;
}

const hex = (n: number) => randomBytes(n).toString('hex');

/** The emulator's apps, machines and leases, on a clock. */
export class FlyEmulatorState {
  readonly apps = new Set<string>();
  readonly machines = new Map<string, EmuMachine>();
  /** Boots left to fail per app (they end in `failed` instead of `started`). */
  readonly failBoots = new Map<string, number>();
  private seq = 0;

  constructor(
    readonly timings: FlyEmulatorTimings,
    readonly now: () => number,
  ) {}

  /** Completes due transitions and refreshes health checks of one machine. */
  settle(m: EmuMachine): void {
    const t = this.now();
    const p = m.pending;
    if (p && p.due <= t) {
      m.pending = undefined;
      const failing = p.to === 'started' ? (this.failBoots.get(m.app) ?? 0) : 0;
      if (failing > 0) this.failBoots.set(m.app, failing - 1);
      m.api.state = failing > 0 ? 'failed' : p.to;
      m.api.updated_at = new Date(p.due).toISOString();
      this.event(
        m,
        p.to === 'started' ? 'start' : p.to === 'destroyed' ? 'destroy' : 'exit',
        m.api.state,
        p.due,
      );
      if (m.api.state === 'started') m.startedAt = p.due;
      if (p.to === 'destroyed') m.destroyedAt = p.due;
    }
    if (m.lease && m.lease.expires_at * 1000 <= t) m.lease = undefined;
    const checks = (m.api.config.checks ?? {}) as Record<string, unknown>;
    const names = Object.keys(checks);
    let status: 'passing' | 'warning' | 'critical' = 'warning';
    if (m.api.state === 'started' && m.startedAt !== undefined) {
      if (m.checkOverride) status = m.checkOverride;
      else if (t >= m.startedAt + this.timings.health) status = 'passing';
    } else status = 'critical';
    m.api.checks = names.map((name) => ({
      name,
      status,
      output: status === 'passing' ? 'HTTP 200' : 'connection refused',
      updated_at: new Date(t).toISOString(),
    }));
  }

  /** A machine of `app`, settled; undefined when unknown or long destroyed. */
  machine(app: string, id: string): EmuMachine | undefined {
    const m = this.machines.get(id);
    if (!m || m.app !== app) return undefined;
    this.settle(m);
    return m;
  }

  list(app: string): EmuMachine[] {
    const out: EmuMachine[] = [];
    for (const m of this.machines.values()) {
      if (m.app !== app) continue;
      this.settle(m);
      out.push(m);
    }
    return out;
  }

  create(app: string, region: string, config: Record<string, unknown>, skipLaunch: boolean, name?: string) {
    const t = this.now();
    this.seq++;
    const id = `${hex(7)}`;
    const m: EmuMachine = {
      app,
      api: {
        id,
        name: name ?? `machine-${this.seq}`,
        state: skipLaunch ? 'created' : 'starting',
        region,
        instance_id: hex(13).toUpperCase(),
        private_ip: `fdaa:0:1:a7b:${this.seq.toString(16)}::2`,
        config: structuredClone(config),
        created_at: new Date(t).toISOString(),
        updated_at: new Date(t).toISOString(),
        events: [],
        checks: [],
        host_status: 'ok',
        cordoned: false,
      },
    };
    this.event(m, 'launch', skipLaunch ? 'created' : 'starting', t);
    if (!skipLaunch) m.pending = { to: 'started', due: t + this.timings.boot };
    this.machines.set(id, m);
    this.settle(m);
    return m;
  }

  /** Begins a transition through `via` to `to`. */
  transition(m: EmuMachine, via: string, to: Pending['to'], ms: number): void {
    const t = this.now();
    m.api.state = via;
    m.api.updated_at = new Date(t).toISOString();
    m.pending = { to, due: t + ms };
    if (to !== 'started') m.startedAt = undefined;
    this.settle(m);
  }

  /** Takes or refreshes a lease; returns undefined when someone else holds it. */
  lease(m: EmuMachine, ttlSec: number, nonce: string | undefined, owner: string, description: string) {
    this.settle(m);
    const expires = Math.floor(this.now() / 1000) + Math.max(1, ttlSec);
    if (m.lease && m.lease.nonce !== nonce) return undefined;
    m.lease = { nonce: m.lease?.nonce ?? hex(6), expires_at: expires, owner, description, version: hex(8) };
    return m.lease;
  }

  private event(m: EmuMachine, type: string, status: string, at: number): void {
    m.api.events.unshift({ id: hex(8), type, status, source: 'user', timestamp: at });
    if (m.api.events.length > 20) m.api.events.length = 20;
  }
}
