import type { MachineModel } from '@governor/simulator';

/** A simulated machine and the SLO it is held to in the benchmark. */
export interface BenchModel {
  readonly name: string;
  readonly machine: Partial<MachineModel>;
  /** P99 latency SLO, ms. */
  readonly sloMs: number;
}

/** The two machines every benchmark run scores. */
export const BENCH_MODELS: readonly BenchModel[] = [
  // The demo app: 2 slots x 50 ms, fixed service time.
  { name: 'demo', machine: { concurrency: 2, serviceTime: 50, serviceVariability: 0 }, sloMs: 250 },
  // A roomier machine with exponential service times (M/M/c).
  { name: 'roomy', machine: { concurrency: 20, serviceTime: 200, serviceVariability: 1 }, sloMs: 1000 },
];

/** One line describing a model. */
export function describeModel(m: BenchModel): string {
  const c = m.machine;
  return `${m.name}: ${c.concurrency} slots x ${c.serviceTime} ms, cs2 ${c.serviceVariability}, P99 SLO ${m.sloMs} ms`;
}
