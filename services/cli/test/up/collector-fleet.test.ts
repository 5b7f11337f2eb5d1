import { PassThrough } from 'node:stream';
import { MemoryBus } from '@governor/bus';
import { type AppConfig, type CollectorConfig, defaultCollectorConfig } from '@governor/config';
import type { Machine } from '@governor/providers';
import type { LocalProvider } from '@governor/providers/local';
import { ManualClock } from '@governor/runtime/testing';
import { createLogger } from '@governor/telemetry';
import { partialFixture } from '@governor/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { CollectorFleet } from '../../src/up/collector-fleet.js';

const settings: CollectorConfig = {
  ...defaultCollectorConfig(),
  scrapeInterval: 60_000,
  scrapeTimeout: 100,
  window: 60_000,
  jitter: 0,
  maxBodyBytes: 1 << 20,
  maxSeries: 1000,
  staleAfter: 180_000,
};

/** The two LocalProvider methods the fleet uses, over a mutable machine list. */
function stubProvider(machines: Machine[], pids: Map<string, number>) {
  return partialFixture<LocalProvider>({
    list: async () => machines.filter((m) => m.state !== 'destroyed'),
    pidOf: (_app: string, id: string) => pids.get(id),
  });
}

const machine = (id: string, state: Machine['state']): Machine => ({
  id,
  app: 'demo',
  region: 'local',
  state,
  createdAt: 0,
  health: 'healthy',
  address: '127.0.0.1:9',
});

const fleets: CollectorFleet[] = [];
afterEach(async () => {
  await Promise.all(fleets.splice(0).map((f) => f.stop()));
});

describe('CollectorFleet', () => {
  it('runs one collector per started instance, replacing it when the process changes', async () => {
    const log = new PassThrough();
    const lines: string[] = [];
    log.on('data', (b: Buffer) => lines.push(...b.toString().trim().split('\n')));
    const machines = [machine('m1', 'starting')];
    const pids = new Map([['m1', 101]]);
    const fleet = new CollectorFleet({
      apps: () => [
        {
          policy: partialFixture<AppConfig>({ name: 'demo', scrape: { targets: [] } }),
          provider: stubProvider(machines, pids),
          metricsPath: '/metrics',
        },
      ],
      bus: new MemoryBus(),
      settings: () => settings,
      logger: createLogger({ name: 't', destination: log }),
      syncInterval: 60_000,
    });
    fleets.push(fleet);
    const started = () => lines.filter((l) => l.includes('"collector started"')).length;

    await fleet.sync();
    expect(fleet.size).toBe(0);
    machines[0] = machine('m1', 'started');
    await fleet.sync();
    expect(fleet.size).toBe(1);
    await fleet.sync();
    expect(started()).toBe(1);

    pids.set('m1', 202); // stopped and started again between two syncs
    await fleet.sync();
    expect(fleet.size).toBe(1);
    expect(started()).toBe(2);

    machines[0] = machine('m1', 'stopped');
    await fleet.sync();
    expect(fleet.size).toBe(0);
  });

  describe('its sync loop', () => {
    const app = (provider: LocalProvider) => ({
      policy: partialFixture<AppConfig>({ name: 'demo', scrape: { targets: [] } }),
      provider,
      metricsPath: '/metrics',
    });

    function fleetWith(apps: () => ReturnType<typeof app>[], clock: ManualClock) {
      const log = new PassThrough();
      const lines: string[] = [];
      log.on('data', (b: Buffer) => lines.push(...b.toString().trim().split('\n')));
      const fleet = new CollectorFleet({
        apps,
        bus: new MemoryBus(),
        settings: () => settings,
        logger: createLogger({ name: 't', destination: log }),
        syncInterval: 1000,
        timers: clock,
      });
      fleets.push(fleet);
      return { fleet, lines };
    }

    it('reports a sync that throws and syncs again at the next interval', async () => {
      const clock = new ManualClock();
      const provider = stubProvider([machine('m1', 'started')], new Map([['m1', 101]]));
      let calls = 0;
      const { fleet, lines } = fleetWith(() => {
        calls++;
        if (calls === 1) throw new Error('apps unreadable');
        return [app(provider)];
      }, clock);
      fleet.start();
      await clock.advance(0);
      expect(fleet.size).toBe(0);
      expect(
        lines.filter((l) => l.includes('collector fleet sync run failed: apps unreadable')),
      ).toHaveLength(1);
      await clock.advance(1000);
      expect(calls).toBe(2);
      expect(fleet.size).toBe(1);
    });

    it('never overlaps syncs, and stop() waits for the sync in flight', async () => {
      const clock = new ManualClock();
      let release: () => void = () => undefined;
      let listing = 0;
      let lists = 0;
      let maxListing = 0;
      const provider = partialFixture<LocalProvider>({
        list: async () => {
          lists++;
          listing++;
          maxListing = Math.max(maxListing, listing);
          await new Promise<void>((r) => (release = r));
          listing--;
          return [machine('m1', 'started')];
        },
        pidOf: () => 101,
      });
      const { fleet } = fleetWith(() => [app(provider)], clock);
      fleet.start();
      await clock.advance(0);
      await clock.advance(3000); // three intervals while the first sync hangs
      const manual = fleet.sync(); // and a sync asked by hand
      await clock.advance(0);
      expect(lists).toBe(1);
      let stopped = false;
      const stopping = fleet.stop().then(() => (stopped = true));
      await clock.advance(0);
      expect(stopped).toBe(false);
      release();
      await clock.advance(0);
      expect(lists).toBe(2); // the sync asked by hand, after the first one
      expect(stopped).toBe(false);
      release();
      await manual;
      await stopping;
      expect(maxListing).toBe(1);
      await clock.advance(5000);
      expect(lists).toBe(2);
    });
  });
});
