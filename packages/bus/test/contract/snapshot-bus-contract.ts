import { isGovernorError } from '@governor/errors';
import type { InstanceSnapshot } from '@governor/metrics';
import { malformed } from '@governor/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotBus } from '../../src/index.js';
import { makeSnapshot } from '../make-snapshot.js';

/** What a bus implementation provides to the shared contract suite. */
export interface BusHarness {
  bus: SnapshotBus;
  /** Moves the bus's clock forward. */
  advance(ms: number): void;
  /** A second bus on the same storage (another process, in cluster mode), or undefined. */
  peer?: SnapshotBus;
  dispose(): Promise<void>;
}

/** Retention the factory must configure, in ms. */
export const CONTRACT_RETAIN_MS = 60_000;
/** Clock start the factory must configure. */
export const CONTRACT_T0 = 1_700_000_000_000;

async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

/** The SnapshotBus contract: every implementation passes these. */
export function describeSnapshotBusContract(
  name: string,
  create: () => Promise<BusHarness>,
  capabilities: { /** The harness provides a `peer` on shared storage. */ shared: boolean },
): void {
  describe(`${name}: SnapshotBus contract`, () => {
    let h: BusHarness;
    beforeEach(async () => {
      h = await create();
    });
    afterEach(async () => {
      await h.dispose();
    });
    const t = CONTRACT_T0;

    it('returns nothing before anything is published', async () => {
      expect(await h.bus.latest()).toEqual([]);
      expect(await h.bus.latest('web')).toEqual([]);
    });

    it('returns the published snapshot unchanged', async () => {
      const s = makeSnapshot('web', 'i-1', t, {
        address: '10.0.0.1:8080',
        cpu: { utilization: 0.42, limitCores: 2 },
        requests: { rate: 12.5, errorRatio: 0.02, count: 187 },
        quantiles: { p50: 0.01, p90: 0.05, p99: 0.2 },
        custom: { queue_depth: 7 },
      });
      await h.bus.publish(s);
      expect(await h.bus.latest('web')).toEqual([s]);
    });

    it('keeps only the newest snapshot per instance', async () => {
      await h.bus.publish(makeSnapshot('web', 'i-1', t - 10_000));
      await h.bus.publish(makeSnapshot('web', 'i-1', t));
      const got = await h.bus.latest('web');
      expect(got.map((s) => s.windowEnd)).toEqual([t]);
    });

    it('does not let a late, older snapshot replace a newer one', async () => {
      await h.bus.publish(makeSnapshot('web', 'i-1', t));
      await h.bus.publish(makeSnapshot('web', 'i-1', t - 30_000));
      expect((await h.bus.latest('web')).map((s) => s.windowEnd)).toEqual([t]);
    });

    it('separates apps and sorts by app then instance', async () => {
      await h.bus.publish(makeSnapshot('web', 'i-2', t));
      await h.bus.publish(makeSnapshot('api', 'i-9', t));
      await h.bus.publish(makeSnapshot('web', 'i-1', t));
      expect((await h.bus.latest('web')).map((s) => s.instance)).toEqual(['i-1', 'i-2']);
      expect((await h.bus.latest('api')).map((s) => s.instance)).toEqual(['i-9']);
      expect((await h.bus.latest()).map((s) => `${s.app}/${s.instance}`)).toEqual([
        'api/i-9',
        'web/i-1',
        'web/i-2',
      ]);
      expect(await h.bus.latest('nope')).toEqual([]);
    });

    it('reads several apps at once, each as latest(app) gives it, an unknown app as empty', async () => {
      await h.bus.publish(makeSnapshot('web', 'i-2', t));
      await h.bus.publish(makeSnapshot('api', 'i-9', t));
      await h.bus.publish(makeSnapshot('web', 'i-1', t));
      const got = await h.bus.latestOf(['web', 'nope', 'api']);
      expect([...got.keys()]).toEqual(['web', 'nope', 'api']);
      expect(got.get('web')).toEqual(await h.bus.latest('web'));
      expect(got.get('api')).toEqual(await h.bus.latest('api'));
      expect(got.get('nope')).toEqual([]);
    });

    it('forgets instances whose newest snapshot is older than the retention', async () => {
      await h.bus.publish(makeSnapshot('web', 'old', t - CONTRACT_RETAIN_MS - 1));
      await h.bus.publish(makeSnapshot('web', 'fresh', t));
      expect((await h.bus.latest('web')).map((s) => s.instance)).toEqual(['fresh']);
      h.advance(CONTRACT_RETAIN_MS + 1);
      expect(await h.bus.latest('web')).toEqual([]);
    });

    it('is not affected by the caller mutating a snapshot after publishing it', async () => {
      const s = makeSnapshot('web', 'i-1', t, { custom: { q: 1 } }) as InstanceSnapshot & {
        custom: Record<string, number>;
      };
      await h.bus.publish(s);
      s.custom.q = 99;
      expect((await h.bus.latest('web'))[0]?.custom).toEqual({ q: 1 });
    });

    it('rejects a malformed snapshot with GOV_BUS_INVALID_SNAPSHOT', async () => {
      const bad = malformed<InstanceSnapshot>({ ...makeSnapshot('web', 'i-1', t), version: 2 });
      const err = await rejectionOf(h.bus.publish(bad));
      expect(isGovernorError(err, 'GOV_BUS_INVALID_SNAPSHOT')).toBe(true);
      const noInstance = { ...makeSnapshot('web', '', t) };
      expect(isGovernorError(await rejectionOf(h.bus.publish(noInstance)), 'GOV_BUS_INVALID_SNAPSHOT')).toBe(
        true,
      );
      const backwards = makeSnapshot('web', 'i-1', t, { windowStart: t + 1 });
      expect(isGovernorError(await rejectionOf(h.bus.publish(backwards)), 'GOV_BUS_INVALID_SNAPSHOT')).toBe(
        true,
      );
      expect(await h.bus.latest()).toEqual([]);
    });

    if (capabilities.shared) {
      it('shares snapshots with a peer on the same storage', async () => {
        await h.bus.publish(makeSnapshot('web', 'i-1', t));
        expect((await h.peer?.latest('web'))?.map((s) => s.instance)).toEqual(['i-1']);
      });
    }

    it('rejects use after close with GOV_BUS_CLOSED, and close is idempotent', async () => {
      await h.bus.close();
      await h.bus.close();
      expect(isGovernorError(await rejectionOf(h.bus.latest()), 'GOV_BUS_CLOSED')).toBe(true);
      const err = await rejectionOf(h.bus.publish(makeSnapshot('web', 'i-1', t)));
      expect(isGovernorError(err, 'GOV_BUS_CLOSED')).toBe(true);
    });
  });
}
