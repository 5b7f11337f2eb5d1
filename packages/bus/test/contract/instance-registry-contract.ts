import { isGovernorError } from '@governor/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InstanceInfo, InstanceRegistry } from '../../src/index.js';

/** What a registry implementation provides to the shared contract suite. */
export interface RegistryHarness {
  registry: InstanceRegistry;
  /** Lets `ms` pass for the registry's TTLs (a fake clock, or real time for Redis). */
  pass(ms: number): Promise<void>;
  /** TTL short enough for `pass` to outlive it cheaply. */
  shortTtlMs: number;
  dispose(): Promise<void>;
}

function info(app: string, instance: string, extra: Partial<InstanceInfo> = {}): InstanceInfo {
  return { app, instance, region: 'ams', ...extra };
}

async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

/** The InstanceRegistry contract: every implementation passes these. */
export function describeInstanceRegistryContract(name: string, create: () => Promise<RegistryHarness>): void {
  describe(`${name}: InstanceRegistry contract`, () => {
    let h: RegistryHarness;
    beforeEach(async () => {
      h = await create();
    });
    afterEach(async () => {
      await h.dispose();
    });

    it('lists registered instances with what they registered and a heartbeat time', async () => {
      const i = info('web', 'i-1', { address: '10.0.0.1:8080', targets: ['http://10.0.0.1:8080/metrics'] });
      await h.registry.register(i, 30_000);
      const [got, ...rest] = await h.registry.list('web');
      expect(rest).toEqual([]);
      expect(got).toMatchObject(i);
      expect(typeof got?.heartbeatAt).toBe('number');
    });

    it('separates apps and sorts by app then instance', async () => {
      await h.registry.register(info('web', 'b'), 30_000);
      await h.registry.register(info('api', 'z'), 30_000);
      await h.registry.register(info('web', 'a'), 30_000);
      expect((await h.registry.list('web')).map((x) => x.instance)).toEqual(['a', 'b']);
      expect((await h.registry.list()).map((x) => `${x.app}/${x.instance}`)).toEqual([
        'api/z',
        'web/a',
        'web/b',
      ]);
      expect(await h.registry.list('nope')).toEqual([]);
    });

    it('drops an instance whose TTL ran out without a heartbeat', async () => {
      await h.registry.register(info('web', 'gone'), h.shortTtlMs);
      await h.registry.register(info('web', 'stays'), 60_000);
      expect((await h.registry.list('web')).map((x) => x.instance)).toEqual(['gone', 'stays']);
      await h.pass(h.shortTtlMs * 3);
      expect((await h.registry.list('web')).map((x) => x.instance)).toEqual(['stays']);
    });

    it('keeps an instance alive while it heartbeats, with the newest info', async () => {
      await h.registry.register(info('web', 'i-1', { address: 'a:1' }), h.shortTtlMs * 2);
      for (let n = 0; n < 3; n++) {
        await h.pass(h.shortTtlMs);
        await h.registry.register(info('web', 'i-1', { address: `a:${n + 2}` }), h.shortTtlMs * 2);
      }
      const got = await h.registry.list('web');
      expect(got.map((x) => x.address)).toEqual(['a:4']);
    });

    it('forgets a deregistered instance at once; deregistering twice is fine', async () => {
      await h.registry.register(info('web', 'i-1'), 60_000);
      await h.registry.deregister('web', 'i-1');
      await h.registry.deregister('web', 'i-1');
      expect(await h.registry.list('web')).toEqual([]);
    });

    it('lists the readiness an instance reports; a drain mark shows as draining until its TTL', async () => {
      await h.registry.register(info('web', 'busy', { ready: false }), 60_000);
      await h.registry.register(info('web', 'leaving', { ready: true }), 60_000);
      await h.registry.markDraining('web', 'leaving', h.shortTtlMs);
      // A heartbeat neither clears the mark nor can set it.
      await h.registry.register(info('web', 'leaving', { ready: true }), 60_000);
      await h.registry.register(info('web', 'busy', { ready: false, draining: true }), 60_000);
      const got = await h.registry.list('web');
      expect(got.map((x) => [x.instance, x.ready, x.draining === true])).toEqual([
        ['busy', false, false],
        ['leaving', true, true],
      ]);
      await h.pass(h.shortTtlMs * 3);
      const later = await h.registry.list('web');
      expect(later.map((x) => [x.instance, x.draining === true])).toEqual([
        ['busy', false],
        ['leaving', false],
      ]);
    });

    it('clears a drain mark on deregister, so a new instance of that id starts undrained', async () => {
      await h.registry.register(info('web', 'i-1'), 60_000);
      await h.registry.markDraining('web', 'i-1', 60_000);
      await h.registry.deregister('web', 'i-1');
      await h.registry.register(info('web', 'i-1'), 60_000);
      expect((await h.registry.list('web')).map((x) => x.draining === true)).toEqual([false]);
    });

    it('rejects an empty identity or a non-positive TTL with GOV_BUS_INVALID_ARGUMENT', async () => {
      const a = await rejectionOf(h.registry.register(info('web', ''), 1000));
      expect(isGovernorError(a, 'GOV_BUS_INVALID_ARGUMENT')).toBe(true);
      const b = await rejectionOf(h.registry.register(info('web', 'i-1'), 0));
      expect(isGovernorError(b, 'GOV_BUS_INVALID_ARGUMENT')).toBe(true);
      expect(await h.registry.list()).toEqual([]);
    });

    it('rejects use after close with GOV_BUS_CLOSED', async () => {
      await h.registry.close();
      await h.registry.close();
      expect(isGovernorError(await rejectionOf(h.registry.list()), 'GOV_BUS_CLOSED')).toBe(true);
    });
  });
}
