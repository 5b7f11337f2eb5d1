import type { LatencyDistribution } from '@governor/metrics';
import type { MachineObservation } from '@governor/scaler';
import type { AppTick } from './fleet.js';

/**
 * The floor under `decide` on this fleet: only reading what it must read
 * from every machine (running, region, ready, cpu, rps, the latency
 * buckets), with no decision, proposal or explanation. `passes` reads it
 * the way decide is split (the running count, then one pass per target);
 * `fused` reads everything in a single pass over the machines. Returns a
 * checksum so the reads cannot be optimized away.
 */
export function walkFleet(fleet: readonly AppTick[], mode: 'passes' | 'fused'): number {
  let check = 0;
  const counts = new Float64Array(16);
  for (const app of fleet) {
    const ms = app.observations.machines;
    if (mode === 'passes') {
      check += running(ms);
      check += field(ms, 'cpu');
      check += field(ms, 'rps');
      check += latency(ms, counts);
    } else {
      let sum = 0;
      counts.fill(0);
      for (let i = 0; i < ms.length; i++) {
        const m = ms[i] as MachineObservation;
        if (!m.running || m.region === '') continue;
        const x = m.metrics;
        if (x === undefined || !m.ready) continue;
        sum += (x.cpu ?? 0) + (x.rps ?? 0);
        if (x.latency !== undefined) addBuckets(counts, x.latency);
      }
      check += sum + (counts[0] as number);
    }
  }
  return check;
}

function running(ms: readonly MachineObservation[]): number {
  let n = 0;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i] as MachineObservation;
    if (m.running && m.region !== '') n++;
  }
  return n;
}

function field(ms: readonly MachineObservation[], key: 'cpu' | 'rps'): number {
  let sum = 0;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i] as MachineObservation;
    const v = m.metrics?.[key];
    if (v !== undefined && m.ready) sum += v;
  }
  return sum;
}

function latency(ms: readonly MachineObservation[], counts: Float64Array): number {
  counts.fill(0);
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i] as MachineObservation;
    const d = m.metrics?.latency;
    if (d !== undefined && m.ready) addBuckets(counts, d);
  }
  return counts[0] as number;
}

function addBuckets(counts: Float64Array, d: LatencyDistribution): void {
  if (d.kind !== 'buckets') return;
  const c = d.cumulative;
  for (let i = 0; i < c.length; i++) counts[i] = (counts[i] as number) + (c[i] as number);
}
