import { isGovernorError } from '@governor/errors';
import type { Machine, MachineState, Provider } from '@governor/providers';
import { executeStep, PermanentProviderError, reconcile } from '@governor/providers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** What one implementation gives the contract suite. */
export interface ContractHarness {
  readonly provider: Provider;
  /** An app that exists and has no machines. */
  readonly app: string;
  /** A region where machines may be created. */
  readonly region: string;
  /** Lets time pass: advance a fake clock, or sleep a little for real providers. */
  tick(): Promise<void>;
  /** Releases what the harness started (emulators, processes); `provider.close()` is called first. */
  cleanup?(): Promise<void>;
}

/** Behaviours some providers cannot have (e.g. a Deployment has no stopped replicas). */
export interface ContractCapabilities {
  /** Machines can rest in `stopped`. Default true. */
  readonly stop?: boolean;
  /** Machines can rest in `suspended`. Default true. */
  readonly suspend?: boolean;
  /** `create({ skipLaunch: true })` leaves a machine in `created`. Default true. */
  readonly skipLaunch?: boolean;
  /** Most ticks to wait for a machine to settle. Default 200. */
  readonly maxTicks?: number;
}

/**
 * The one contract every {@link Provider} passes: listing, the lifecycle
 * operations, idempotence, typed errors, and convergence through
 * `reconcile` + `executeStep`.
 */
export function providerContractSuite(
  name: string,
  makeProvider: () => Promise<ContractHarness>,
  caps: ContractCapabilities = {},
): void {
  const maxTicks = caps.maxTicks ?? 200;

  describe(`Provider contract: ${name}`, () => {
    let h: ContractHarness;
    beforeEach(async () => {
      h = await makeProvider();
    });
    afterEach(async () => {
      await h.provider.close();
      await h.cleanup?.();
    });

    async function machine(id: string): Promise<Machine | undefined> {
      return (await h.provider.list(h.app)).find((m) => m.id === id);
    }

    async function settle(id: string, want: MachineState | 'gone'): Promise<Machine | undefined> {
      let last: Machine | undefined;
      for (let i = 0; i < maxTicks; i++) {
        last = await machine(id);
        if (want === 'gone' ? last === undefined : last?.state === want) return last;
        await h.tick();
      }
      throw new Error(`machine ${id} never reached ${want}; last ${JSON.stringify(last)}`);
    }

    it('lists no machines for a fresh app', async () => {
      expect(await h.provider.list(h.app)).toEqual([]);
    });

    it('creates a machine that boots to started in the asked region', async () => {
      const created = await h.provider.create(h.app, { region: h.region });
      expect(created).toMatchObject({ app: h.app, region: h.region });
      expect(typeof created.id).toBe('string');
      const m = await settle(created.id, 'started');
      expect(m?.createdAt).toBeGreaterThan(0);
      expect(['healthy', 'unhealthy', 'unknown']).toContain(m?.health);
    });

    it('starting a started machine does nothing', async () => {
      const { id } = await h.provider.create(h.app, { region: h.region });
      await settle(id, 'started');
      await h.provider.start(h.app, id);
      expect((await machine(id))?.state).toBe('started');
      expect(await h.provider.list(h.app)).toHaveLength(1);
    });

    it('destroys a machine, and destroying it again succeeds', async () => {
      const { id } = await h.provider.create(h.app, { region: h.region });
      await settle(id, 'started');
      await h.provider.destroy(h.app, id);
      await settle(id, 'gone');
      await h.provider.destroy(h.app, id);
      expect(await h.provider.list(h.app)).toEqual([]);
    });

    it('reports an operation on an unknown machine as a permanent not-found error', async () => {
      const err = await h.provider.start(h.app, 'no-such-machine').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PermanentProviderError);
      expect(isGovernorError(err, 'GOV_PROVIDER_NOT_FOUND')).toBe(true);
    });

    it('reports stop and suspend of an unknown machine as typed, permanent not-found errors', async () => {
      for (const op of ['stop', 'suspend'] as const) {
        const err = await h.provider[op](h.app, 'no-such-machine').catch((e: unknown) => e);
        expect(err, op).toBeInstanceOf(PermanentProviderError);
        expect(isGovernorError(err, 'GOV_PROVIDER_NOT_FOUND'), op).toBe(true);
      }
    });

    if (caps.stop !== false) {
      it('stops a started machine, stopping twice is a no-op, and starts it again', async () => {
        const { id } = await h.provider.create(h.app, { region: h.region });
        await settle(id, 'started');
        await h.provider.stop(h.app, id);
        await settle(id, 'stopped');
        await h.provider.stop(h.app, id);
        expect((await machine(id))?.state).toBe('stopped');
        await h.provider.start(h.app, id);
        await settle(id, 'started');
      });
    }

    if (caps.suspend !== false) {
      it('suspends a started machine and resumes it', async () => {
        const { id } = await h.provider.create(h.app, { region: h.region });
        await settle(id, 'started');
        await h.provider.suspend(h.app, id);
        await settle(id, 'suspended');
        await h.provider.suspend(h.app, id);
        await h.provider.start(h.app, id);
        await settle(id, 'started');
      });
    }

    if (caps.skipLaunch !== false) {
      it('creates without booting when asked to skip launch, and starts it later', async () => {
        const created = await h.provider.create(h.app, { region: h.region, skipLaunch: true });
        expect(created.state).toBe('created');
        await h.provider.start(h.app, created.id);
        await settle(created.id, 'started');
      });
    }

    it('converges to a desired count through reconcile and executeStep', async () => {
      const desired = { [h.region]: 2 };
      for (let round = 0; round < maxTicks; round++) {
        const machines = await h.provider.list(h.app);
        const running = machines.filter((m) => m.state === 'started').length;
        const steps = reconcile({ desired, machines });
        if (steps.length === 0 && running === 2) break;
        for (const step of steps) await executeStep(h.provider, h.app, step);
        await h.tick();
      }
      const final = await h.provider.list(h.app);
      expect(final.filter((m) => m.state === 'started')).toHaveLength(2);
      expect(reconcile({ desired, machines: final })).toEqual([]);
    });
  });
}
