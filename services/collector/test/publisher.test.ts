import { GovernorError } from '@governor/errors';
import type { InstanceSnapshot } from '@governor/metrics';
import { describe, expect, it } from 'vitest';
import { SnapshotPublisher } from '../src/publisher.js';
import { captureLogger } from './helpers/harness.js';

function snap(windowEnd: number): InstanceSnapshot {
  return {
    version: 1,
    app: 'web',
    instance: 'i-1',
    region: 'ams',
    windowStart: windowEnd - 1,
    windowEnd,
    ready: true,
    custom: {},
    scrape: { up: true, ok: 1, failed: 0 },
  };
}

describe('SnapshotPublisher', () => {
  it('buffers while the bus fails, drops the oldest beyond the bound, then publishes in order', async () => {
    let down = true;
    const stored: number[] = [];
    const bus = {
      publish: async (s: InstanceSnapshot) => {
        if (down) throw new GovernorError('GOV_BUS_UNAVAILABLE', 'Redis at redis://x is not connected');
        stored.push(s.windowEnd);
      },
      latest: async () => [],
      latestOf: async () => new Map(),
      close: async () => {},
    };
    let published = 0;
    let failed = 0;
    const { logger, lines } = captureLogger();
    const p = new SnapshotPublisher({
      bus,
      logger,
      bufferSize: 3,
      onPublished: () => published++,
      onFailed: () => failed++,
    });
    for (let t = 1; t <= 5; t++) expect(await p.publish(snap(t))).toBe(false);
    expect(p.pending).toBe(3);
    expect(p.degraded).toBe(true);
    expect(failed).toBe(5);
    // One error line per outage, not one per snapshot.
    expect(lines().filter((l) => l.level === 50)).toHaveLength(1);
    down = false;
    expect(await p.publish(snap(6))).toBe(true);
    expect(stored).toEqual([3, 4, 5, 6]);
    expect(published).toBe(4);
    expect(p.pending).toBe(0);
    expect(lines().at(-1)).toMatchObject({ msg: 'bus is back; buffered snapshots published', dropped: 2 });
  });
});
