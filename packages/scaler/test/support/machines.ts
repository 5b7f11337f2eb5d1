import type { LatencyDistribution } from '@governor/metrics';
import type { MachineMetrics, MachineObservation, Observations } from '../../src/index.js';

/** Running, ready machines with the given cpu utilisations (fractions), ids m0, m1, ... */
export function cpuMachines(cpus: readonly (number | undefined)[], region = 'ams'): MachineObservation[] {
  return cpus.map((cpu, i) => machine(`m${i}`, cpu === undefined ? {} : { cpu }, { region }));
}

/** One machine; running and ready unless told otherwise. `metrics: undefined` means nothing collected. */
export function machine(
  id: string,
  metrics: MachineMetrics | undefined,
  opts: { region?: string; ready?: boolean; running?: boolean } = {},
): MachineObservation {
  return {
    id,
    region: opts.region ?? 'ams',
    running: opts.running ?? true,
    ready: opts.ready ?? true,
    ...(metrics === undefined ? {} : { metrics }),
  };
}

/** Observations of app `web`. */
export function observe(machines: MachineObservation[], edgeRps?: number): Observations {
  return { app: 'web', machines, ...(edgeRps === undefined ? {} : { edgeRps }) };
}

/** A Prometheus bucket distribution (seconds) from per-bucket (non-cumulative) counts. */
export function buckets(bounds: number[], counts: number[], overflow = 0): LatencyDistribution {
  const cumulative: number[] = [];
  let c = 0;
  for (const n of counts) {
    c += n;
    cumulative.push(c);
  }
  return { kind: 'buckets', bounds, cumulative, count: c + overflow, sum: 0 };
}
