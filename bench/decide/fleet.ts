import type { AppConfig } from '@governor/config';
import type { BucketDistribution } from '@governor/metrics';
import type { History, MachineObservation, Observations } from '@governor/scaler';
import { emptyHistory } from '@governor/scaler';

/** Latency histogram bounds (seconds) every generated machine reports. */
export const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** A small deterministic PRNG (mulberry32), so every run measures the same fleet. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One app's inputs for a tick. */
export interface AppTick {
  policy: AppConfig;
  observations: Observations;
  history: History;
}

function histogram(r: () => number, count: number): BucketDistribution {
  // Most requests fast, a tail in the slow buckets, ~0.2% above the last bound.
  const cumulative: number[] = [];
  const within = Math.floor(count * 0.998);
  let c = 0;
  for (let i = 0; i < BOUNDS.length; i++) {
    const share = i === BOUNDS.length - 1 ? 1 : Math.min(1, (i + 1) / 6 + r() * 0.05);
    c = Math.max(c, Math.min(within, Math.floor(within * share)));
    cumulative.push(c);
  }
  return { kind: 'buckets', bounds: BOUNDS, cumulative, count, sum: count * 0.05 };
}

/** `apps` apps with 3 targets (cpu, rps, p99 latency) and `instances` machines each. */
export function buildFleet(apps: number, instances: number, policyOf: (i: number) => AppConfig): AppTick[] {
  const r = rng(42);
  const out: AppTick[] = [];
  for (let a = 0; a < apps; a++) {
    const machines: MachineObservation[] = [];
    for (let m = 0; m < instances; m++) {
      const rps = 20 + r() * 60;
      machines.push({
        id: `a${a}-m${m}`,
        region: m % 2 === 0 ? 'ams' : 'ord',
        running: true,
        ready: r() > 0.02,
        metrics: {
          cpu: 0.2 + r() * 0.7,
          rps,
          latency: histogram(r, Math.round(rps * 15)),
        },
      });
    }
    out.push({ policy: policyOf(a), observations: { app: `app-${a}`, machines }, history: emptyHistory() });
  }
  return out;
}
