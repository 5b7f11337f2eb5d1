import { describe, expect, it } from 'vitest';
import {
  candidates,
  type Instance,
  type InstanceList,
  leastLoaded,
  type PickContext,
  RegionLatency,
  regionOrder,
  roundRobin,
  weighted,
} from '../src/index.js';

function inst(id: string, region: string, extra: Partial<Instance> = {}): Instance {
  return { id, region, address: `${id}:80`, ready: true, draining: false, lastSeen: 0, ...extra };
}

function listOf(instances: Instance[], regions: string[] = []): InstanceList {
  return { app: 'web', regions, instances };
}

/** A deterministic generator of numbers in [0, 1). */
function seeded(seed = 1): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const ctx = (inFlight: Record<string, number> = {}, random = seeded()): PickContext => ({
  inFlight: (id) => inFlight[id] ?? 0,
  random,
});

describe('candidates: same region first, fallback when it has no pickable instance', () => {
  it('keeps the own region while it has a ready instance', () => {
    const l = listOf([inst('a1', 'ams'), inst('f1', 'fra'), inst('a2', 'ams')], ['ams', 'fra']);
    expect(candidates(l, 'ams').map((i) => i.id)).toEqual(['a1', 'a2']);
  });

  it('never offers a not-ready, draining or address-less instance, and falls back in server order', () => {
    const l = listOf(
      [
        inst('a1', 'ams', { ready: false }),
        inst('a2', 'ams', { draining: true }),
        inst('a3', 'ams', { address: undefined } as Partial<Instance>),
        inst('l1', 'lhr'),
        inst('f1', 'fra'),
      ],
      ['ams', 'lhr', 'fra'],
    );
    expect(candidates(l, 'ams').map((i) => i.id)).toEqual(['l1']);
  });

  it('orders fallback regions by measured latency when known, before the server order', () => {
    const l = listOf([inst('l1', 'lhr'), inst('f1', 'fra')], ['ams', 'lhr', 'fra']);
    const lat = new RegionLatency();
    lat.observe('fra', 8);
    lat.observe('lhr', 20);
    expect(regionOrder(l, 'ams', lat)).toEqual(['ams', 'fra', 'lhr']);
    expect(candidates(l, 'ams', lat).map((i) => i.id)).toEqual(['f1']);
    expect(candidates(l, 'ams').map((i) => i.id)).toEqual(['l1']);
  });

  it('is empty when nothing anywhere is pickable', () => {
    expect(candidates(listOf([inst('a1', 'ams', { ready: false })]), 'ams')).toEqual([]);
  });
});

describe('strategies', () => {
  const three = [inst('a', 'ams'), inst('b', 'ams'), inst('c', 'ams')];

  it('round robin cycles in id order', () => {
    const rr = roundRobin();
    expect([1, 2, 3, 4].map(() => rr.pick(three, ctx()).id)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('weighted picks in proportion to headroom', () => {
    const busy = [
      inst('a', 'ams', { load: { utilization: 0.9, at: 0 } }),
      inst('b', 'ams', { load: { utilization: 0.1, at: 0 } }),
    ];
    const w = weighted();
    const c = ctx({}, seeded(7));
    const counts: Record<string, number> = { a: 0, b: 0 };
    for (let n = 0; n < 2000; n++) {
      const id = w.pick(busy, c).id;
      counts[id] = (counts[id] ?? 0) + 1;
    }
    // Weights 0.1 and 0.9: a gets about 10 %.
    expect(counts.a).toBeGreaterThan(100);
    expect(counts.a).toBeLessThan(300);
  });

  it('least loaded avoids the instance with more requests in flight, counting reports and own requests', () => {
    const pair = [inst('a', 'ams', { load: { inFlight: 5, at: 0 } }), inst('b', 'ams')];
    const ll = leastLoaded();
    expect(ll.pick(pair, ctx()).id).toBe('b');
    expect(ll.pick(pair, ctx({ b: 6 })).id).toBe('a');
  });

  it('least loaded spreads ties at random and, with many candidates, compares two drawn at random', () => {
    const ll = leastLoaded();
    const c = ctx({}, seeded(3));
    const seen = new Set<string>();
    for (let n = 0; n < 60; n++) seen.add(ll.pick(three, c).id);
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
    // One hot instance among many is never chosen: a random pair always holds a cooler one.
    const hot = [inst('a', 'ams', { load: { inFlight: 50, at: 0 } }), inst('b', 'ams'), inst('c', 'ams')];
    for (let n = 0; n < 60; n++) expect(ll.pick(hot, c).id).not.toBe('a');
  });
});
