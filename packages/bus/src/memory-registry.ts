import type { InstanceInfo, InstanceRegistry } from './instance-registry.js';
import { assertDrainMark, assertOpen, assertRegistration, byAppThenInstance } from './validate.js';

/** Options for {@link MemoryRegistry}. */
export interface MemoryRegistryOptions {
  /** Clock, ms since epoch. Default `Date.now`. */
  now?: () => number;
}

interface Entry {
  info: InstanceInfo;
  expiresAt: number;
}

/** In-process {@link InstanceRegistry} with TTLs on an injected clock. */
export class MemoryRegistry implements InstanceRegistry {
  private readonly entries = new Map<string, Entry>();
  /** Drain marks: key -> expiry. */
  private readonly drains = new Map<string, number>();
  private readonly now: () => number;
  private closed = false;

  constructor(options: MemoryRegistryOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async register(info: InstanceInfo, ttlMs: number): Promise<void> {
    assertOpen(this.closed, 'MemoryRegistry');
    assertRegistration(info, ttlMs);
    const now = this.now();
    const { heartbeatAt: _ignored, draining: _derived, ...rest } = info;
    this.entries.set(key(info.app, info.instance), {
      info: structuredClone({ ...rest, heartbeatAt: now }),
      expiresAt: now + ttlMs,
    });
  }

  async deregister(app: string, instance: string): Promise<void> {
    assertOpen(this.closed, 'MemoryRegistry');
    this.entries.delete(key(app, instance));
    this.drains.delete(key(app, instance));
  }

  async markDraining(app: string, instance: string, ttlMs: number): Promise<void> {
    assertOpen(this.closed, 'MemoryRegistry');
    assertDrainMark(app, instance, ttlMs);
    this.drains.set(key(app, instance), this.now() + ttlMs);
  }

  async list(app?: string): Promise<InstanceInfo[]> {
    assertOpen(this.closed, 'MemoryRegistry');
    const now = this.now();
    const out: InstanceInfo[] = [];
    for (const [k, e] of this.entries) {
      if (e.expiresAt <= now) {
        this.entries.delete(k);
        continue;
      }
      if (app !== undefined && e.info.app !== app) continue;
      const drainUntil = this.drains.get(k);
      if (drainUntil !== undefined && drainUntil <= now) this.drains.delete(k);
      const draining = drainUntil !== undefined && drainUntil > now;
      out.push(structuredClone(draining ? { ...e.info, draining } : e.info));
    }
    return out.sort(byAppThenInstance);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.entries.clear();
    this.drains.clear();
  }
}

function key(app: string, instance: string): string {
  return `${app}\u0000${instance}`;
}
