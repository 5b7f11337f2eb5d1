import type { LatencyQuantile, StepRule } from '@governor/config';
import type { LatencyDistribution } from '@governor/metrics';
import { fleetQuantile } from '../fleet-latency.js';
import { QUANTILES } from '../metric-proposals.js';
import type { MachineObservation } from '../types.js';

function mean(machines: readonly MachineObservation[], read: (m: MachineObservation) => number | undefined) {
  let sum = 0;
  let n = 0;
  for (const m of machines) {
    if (!m.ready) continue;
    const v = read(m);
    if (v === undefined || !Number.isFinite(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? undefined : sum / n;
}

/**
 * The fleet value a step rule compares with its threshold, over ready
 * running machines: mean cpu/memory utilisation (fractions), mean rps per
 * machine, request-weighted error ratio, mean custom gauge, or the merged
 * latency quantile in ms (`name`: p50|p90|p99, default p99). Undefined when
 * no machine reports it.
 */
export function fleetValue(rule: StepRule, machines: readonly MachineObservation[]): number | undefined {
  switch (rule.metric) {
    case 'cpu':
      return mean(machines, (m) => m.metrics?.cpu);
    case 'memory':
      return mean(machines, (m) => m.metrics?.memory);
    case 'rps':
      return mean(machines, (m) => m.metrics?.rps);
    case 'custom':
      return rule.name === undefined
        ? undefined
        : mean(machines, (m) => m.metrics?.custom?.[rule.name as string]);
    case 'errors': {
      let errors = 0;
      let requests = 0;
      let plain = 0;
      let n = 0;
      for (const m of machines) {
        const e = m.metrics?.errorRatio;
        if (!m.ready || e === undefined) continue;
        const r = m.metrics?.rps ?? 0;
        errors += e * r;
        requests += r;
        plain += e;
        n++;
      }
      if (n === 0) return undefined;
      return requests > 0 ? errors / requests : plain / n;
    }
    case 'latency': {
      const q = QUANTILES[(rule.name ?? 'p99') as LatencyQuantile] ?? 0.99;
      const dists: LatencyDistribution[] = [];
      for (const m of machines) if (m.metrics?.latency !== undefined) dists.push(m.metrics.latency);
      return fleetQuantile(dists, q)?.ms;
    }
  }
}
