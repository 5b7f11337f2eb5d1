import { ManualClock } from '@governor/runtime/testing';
import { describe, expect, it } from 'vitest';
import type { DiscoveredInstance } from '../../src/discovery/discovered-instance.js';
import { InstanceWatchHub } from '../../src/discovery/instance-watch-hub.js';

const instance = (id: string): DiscoveredInstance => ({
  id,
  region: 'ams',
  ready: true,
  draining: false,
  lastSeen: 0,
});

/** A list() whose reads the test answers one by one. */
function heldReads() {
  const pending: { app: string; answer: (list: DiscoveredInstance[]) => void; fail: (err: Error) => void }[] =
    [];
  let reading = 0;
  let maxReading = 0;
  return {
    pending,
    get maxReading() {
      return maxReading;
    },
    list: (app: string) =>
      new Promise<DiscoveredInstance[]>((resolve, reject) => {
        reading++;
        maxReading = Math.max(maxReading, reading);
        const settle = () => reading--;
        pending.push({
          app,
          answer: (list) => {
            settle();
            resolve(list);
          },
          fail: (err) => {
            settle();
            reject(err);
          },
        });
      }),
  };
}

describe('InstanceWatchHub', () => {
  it('reads an app every interval while watched, one read at a time, shared by its watchers', async () => {
    const clock = new ManualClock();
    const reads = heldReads();
    const hub = new InstanceWatchHub({ list: reads.list, interval: () => 100, timers: clock });
    const seenA: string[][] = [];
    const seenB: string[][] = [];
    hub.subscribe('web', (l) => seenA.push(l.map((i) => i.id)));
    hub.subscribe('web', (l) => seenB.push(l.map((i) => i.id)));
    await clock.advance(0);
    expect(reads.pending).toHaveLength(1);
    await clock.advance(500); // a slow read: no second read beside it
    expect(reads.pending).toHaveLength(1);
    reads.pending[0]?.answer([instance('a')]);
    await clock.advance(99);
    expect(reads.pending).toHaveLength(1);
    await clock.advance(1);
    expect(reads.pending).toHaveLength(2);
    reads.pending[1]?.answer([instance('a'), instance('b')]);
    await clock.advance(0);
    expect(seenA).toEqual([['a'], ['a', 'b']]);
    expect(seenB).toEqual(seenA);
    expect(reads.maxReading).toBe(1);
    await hub.close();
  });

  it('reports a failed read and a throwing watcher, keeps the last list, and reads again on time', async () => {
    const clock = new ManualClock();
    const reads = heldReads();
    const errors: string[] = [];
    const hub = new InstanceWatchHub({
      list: reads.list,
      interval: () => 100,
      timers: clock,
      onError: (app, err) => errors.push(`${app}: ${(err as Error).message}`),
    });
    const seen: number[] = [];
    hub.subscribe('web', () => {
      throw new Error('watcher broke');
    });
    hub.subscribe('web', (l) => seen.push(l.length));
    await clock.advance(0);
    reads.pending[0]?.answer([instance('a')]);
    await clock.advance(100);
    reads.pending[1]?.fail(new Error('registry down'));
    await clock.advance(100);
    reads.pending[2]?.answer([instance('a'), instance('b')]);
    await clock.advance(0);
    expect(errors).toEqual(['web: watcher broke', 'web: registry down', 'web: watcher broke']);
    expect(seen).toEqual([1, 2]);
    // A watcher arriving later gets the last list at once.
    const late: number[] = [];
    hub.subscribe('web', (l) => late.push(l.length));
    expect(late).toEqual([2]);
    await hub.close();
  });

  it('close() stops every poller and waits for the reads in flight', async () => {
    const clock = new ManualClock();
    const reads = heldReads();
    const hub = new InstanceWatchHub({ list: reads.list, interval: () => 100, timers: clock });
    hub.subscribe('web', () => undefined);
    hub.subscribe('api', () => undefined);
    await clock.advance(0);
    expect(reads.pending.map((r) => r.app)).toEqual(['web', 'api']);
    let closed = false;
    const closing = hub.close().then(() => (closed = true));
    await clock.advance(0);
    expect(closed).toBe(false);
    reads.pending[0]?.answer([]);
    await clock.advance(0);
    expect(closed).toBe(false);
    reads.pending[1]?.answer([]);
    await closing;
    await clock.advance(1000);
    expect(reads.pending).toHaveLength(2);
  });

  it('the last watcher leaving stops the poller; a new watcher starts another', async () => {
    const clock = new ManualClock();
    const reads = heldReads();
    const hub = new InstanceWatchHub({ list: reads.list, interval: () => 100, timers: clock });
    const off = hub.subscribe('web', () => undefined);
    await clock.advance(0);
    reads.pending[0]?.answer([]);
    await clock.advance(0);
    off();
    await clock.advance(1000);
    expect(reads.pending).toHaveLength(1);
    hub.subscribe('web', () => undefined);
    await clock.advance(0);
    expect(reads.pending).toHaveLength(2);
    reads.pending[1]?.answer([]);
    await hub.close();
  });
});
