import type { CollectorWindow } from '../model/collector-window.js';
import { type LatencyLaw, lawExceedance, lawQuantile } from '../model/queue-latency.js';
import { stepQueue } from '../model/region-queue.js';
import { fleetQuantile } from './fleet-quantile.js';
import type { SimulationSetup } from './simulation-setup.js';

/** What the fleet did with one segment's load, all regions together. */
export interface SegmentOutcome {
  readonly arrivals: number;
  readonly failed: number;
  readonly slow: number;
  readonly ready: number;
  /** Fleet latency quantile, seconds (a full queue's when too many requests failed). */
  readonly p99: number;
}

/** Ready machines over all regions. */
export function readyTotal(ready: Int32Array): number {
  let n = 0;
  for (const r of ready) n += r;
  return n;
}

/** Serves `rps` for `sec` seconds on every region's ready machines, advancing their backlogs and collectors. */
export function serveSegment(
  setup: SimulationSetup,
  backlog: Float64Array,
  windows: readonly CollectorWindow[],
  ready: Int32Array,
  rps: number,
  sec: number,
): SegmentOutcome {
  const { model } = setup;
  let arrivals = 0;
  let failed = 0;
  let slow = 0;
  let readyAll = 0;
  const laws: { law: LatencyLaw; weight: number }[] = [];
  for (let ri = 0; ri < backlog.length; ri++) {
    const q = stepQueue(model, backlog[ri] ?? 0, rps * (setup.split[ri] ?? 0), ready[ri] ?? 0, sec);
    backlog[ri] = q.backlog;
    arrivals += q.arrivals;
    failed += q.failed;
    readyAll += ready[ri] ?? 0;
    if (q.law) {
      slow += (q.arrivals - q.failed) * lawExceedance(q.law, setup.slo);
      laws.push({ law: q.law, weight: q.arrivals - q.failed });
    }
    windows[ri]?.add(q, sec);
  }
  const cap = (model.serviceTime + (model.queueLimit * model.serviceTime) / model.concurrency) / 1000;
  const p99 =
    failed > (1 - setup.quantile) * arrivals
      ? cap
      : laws.length === 1 && laws[0]
        ? lawQuantile(laws[0].law, setup.quantile)
        : fleetQuantile(laws, setup.quantile, cap);
  return { arrivals, failed, slow, ready: readyAll, p99 };
}
