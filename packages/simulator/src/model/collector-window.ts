import type { BucketDistribution } from '@governor/metrics';
import { lawExceedance } from './queue-latency.js';
import type { QueueTick } from './region-queue.js';

/** Latency histogram bounds (seconds) of simulated machines, like a Prometheus client's. */
export const LATENCY_BOUNDS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.06, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 2.5, 5,
  10,
];

/** What a collector reports for each ready machine of a region over one window. */
export interface WindowMetrics {
  /** Window end (ms, simulation time). */
  readonly end: number;
  readonly start: number;
  readonly cpu: number;
  readonly rps: number;
  readonly errorRatio: number;
  readonly latency: BucketDistribution;
}

/**
 * Sums one region's per-machine metrics over a collector window, the way a
 * sidecar summarizes its scrapes: the autoscaler only ever sees the last
 * completed window, so its view lags the load by up to one window.
 */
export class CollectorWindow {
  private start = 0;
  private seconds = 0;
  private cpuSum = 0;
  private requests = 0;
  private answered = 0;
  private arrivals = 0;
  private failed = 0;
  private latencySum = 0;
  private readonly cumulative = new Float64Array(LATENCY_BOUNDS.length);
  /** The last completed window, or undefined before the first one closes. */
  last: WindowMetrics | undefined;

  /** Adds one tick of `dt` seconds. */
  add(q: QueueTick, dt: number): void {
    this.seconds += dt;
    this.cpuSum += q.cpu * dt;
    this.arrivals += q.arrivals;
    this.failed += q.failed;
    // Every request gets an answer, failures (503) included, and the app's request counter counts them all.
    this.answered += q.perMachineRps * dt;
    if (q.law === undefined) return;
    const served = q.perMachineRps * dt * (1 - (q.arrivals > 0 ? q.failed / q.arrivals : 0));
    this.requests += served;
    this.latencySum += served * (q.law.base + q.law.waitProbability / q.law.waitRate);
    for (let i = 0; i < LATENCY_BOUNDS.length; i++) {
      this.cumulative[i] =
        (this.cumulative[i] ?? 0) + served * (1 - lawExceedance(q.law, LATENCY_BOUNDS[i] ?? 0));
    }
  }

  /** Closes the window at `end` (ms) and starts the next one. */
  close(end: number): void {
    if (this.seconds > 0) {
      const count = Math.round(this.requests);
      this.last = {
        start: this.start,
        end,
        cpu: this.cpuSum / this.seconds,
        rps: this.answered / this.seconds,
        errorRatio: this.arrivals > 0 ? this.failed / this.arrivals : 0,
        latency: {
          kind: 'buckets',
          bounds: LATENCY_BOUNDS,
          cumulative: Array.from(this.cumulative, (c) => Math.min(count, Math.round(c))),
          count,
          sum: this.latencySum,
        },
      };
    }
    this.start = end;
    this.seconds = 0;
    this.cpuSum = 0;
    this.requests = 0;
    this.answered = 0;
    this.arrivals = 0;
    this.failed = 0;
    this.latencySum = 0;
    this.cumulative.fill(0);
  }
}
