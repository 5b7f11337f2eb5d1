import type { AppConfig, LatencyQuantile, MetricTarget } from '@governor/config';
import { capacityProposal, UNCALIBRATED_STEP } from './capacity/capacity-proposal.js';
import type { CapacityView } from './capacity/capacity-tick.js';
import { externalKey, externalProposal } from './external-proposal.js';
import { latencySamples } from './fleet-latency.js';
import { groupMachines } from './hpa/machine-samples.js';
import {
  type Arithmetic,
  fleetReplicas,
  perMachineReplicas,
  type ReplicaCalculation,
} from './hpa/replica-calculator.js';
import type { Tolerances } from './hpa/tolerance.js';
import { roundText } from './numbers.js';
import type { MachineObservation, MetricProposal } from './types.js';

/** Quantile keys of the config mapped to quantiles. */
export const QUANTILES: Readonly<Record<LatencyQuantile, number>> = Object.freeze({
  p50: 0.5,
  p90: 0.9,
  p99: 0.99,
});

/** The proposal's display name: `cpu`, `latency:p99`, `custom:queue_depth`, ... */
export function metricName(t: MetricTarget): string {
  if (t.type === 'latency') return `latency:${t.quantile}`;
  if (t.type === 'custom') return `custom:${t.metric}`;
  if (t.type === 'query' || t.type === 'queue') return externalKey(t);
  return t.type;
}

type Percent = 'integer' | 'fraction' | 'none';

function shown(v: number, percent: Percent): string {
  return percent === 'integer'
    ? `${v}%`
    : percent === 'fraction'
      ? `${roundText(v * 100, 1)}%`
      : `${roundText(v)}`;
}

function describe(name: string, c: ReplicaCalculation, current: number, percent: Percent): string {
  const usage = shown(c.usage, percent);
  const target = shown(c.target, percent);
  const r = c.rebalancedRatio === undefined ? '' : ` (rebalanced ${roundText(c.rebalancedRatio)})`;
  const base = `${name} ${usage} vs target ${target} -> ratio ${roundText(c.ratio)}${r}`;
  if (c.note === 'within-tolerance') return `${base} within tolerance -> keep ${current}`;
  if (c.note === 'direction-flip')
    return `${base} flips direction once missing/unready machines count -> keep ${current}`;
  if (c.note === 'count-flip') return `${base} would move against the ratio -> keep ${current}`;
  const ratio = c.rebalancedRatio ?? c.ratio;
  return `${base} -> ceil(${roundText(ratio)} x ${c.basis}) = ${c.replicas}`;
}

/** Inputs shared by every target of one scope (the app, or one region). */
export interface ProposalScope {
  readonly policy: AppConfig;
  /** Running machines of the scope. */
  readonly machines: readonly MachineObservation[];
  readonly current: number;
  readonly region?: string;
  /** Fleet values of `query` and `queue` targets for this scope (see `Observations.external`). */
  readonly external?: Readonly<Record<string, number>>;
  /** The app's capacity model at this tick, when a latency target is in capacity mode. */
  readonly capacity?: CapacityView;
}

/**
 * One proposal per target, in the Kubernetes HPA style. Per-machine targets
 * (cpu, memory, rps, custom) follow HPA's pod metrics; latency is a
 * fleet-wide value (HPA Object metric): the merged quantile against
 * `slo x targetRatio`, ratio applied to the ready machines.
 */
export function metricProposals(scope: ProposalScope): MetricProposal[] {
  const { policy, machines, current, region } = scope;
  const tolerances: Tolerances = {
    up: policy.behavior.scaleUp.tolerance,
    down: policy.behavior.scaleDown.tolerance,
  };
  const hpa = policy.hpaCompatible;
  const out: MetricProposal[] = [];
  for (const t of policy.targets) {
    const name = metricName(t);
    let p: MetricProposal;
    if (t.type === 'latency') {
      const { quantile: fq, ready, reported, empty } = latencySamples(machines, QUANTILES[t.quantile]);
      const missing = machines.length - reported;
      const unready = machines.length - ready;
      if (fq === undefined) {
        // An empty window has no latency (not 0 ms): it proposes nothing, so it never scales down.
        const why = empty ? 'no request in the window, so no latency value' : 'no latency reported';
        p = invalidProposal(name, ready, missing, unready, `${name}: ${why}`);
      } else if (ready === 0 && current > 0 && !hpa) {
        // HPA would apply the ratio to 0 ready pods and propose 0; outside HPA mode a fleet
        // with no ready machine gives no basis, so the metric is invalid (and blocks scale-down).
        p = invalidProposal(name, ready, missing, unready, `${name}: no ready machine to apply the ratio to`);
      } else {
        const view = t.scaling === 'capacity' ? scope.capacity : undefined;
        const cp =
          view === undefined
            ? undefined
            : capacityProposal({
                name,
                target: t,
                view,
                machines,
                current,
                ready,
                quantile: fq,
                whole: region === undefined,
              });
        const targetMs = t.slo * t.targetRatio;
        const c = fleetReplicas(fq.ms, targetMs, current, ready, tolerances);
        if (cp !== undefined) {
          if (region !== undefined) cp.region = region;
          out.push(cp);
          continue;
        }
        if (view !== undefined && c.replicas > Math.ceil(UNCALIBRATED_STEP * c.basis)) {
          const why = view.estimate?.missing ?? 'no window yet';
          const bounded = Math.max(current + 1, Math.ceil(UNCALIBRATED_STEP * c.basis));
          const formula = `${t.quantile} ${roundText(fq.ms)}ms vs SLO ${roundText(t.slo)}ms x ${roundText(t.targetRatio)} -> ratio ${roundText(c.ratio)}; capacity not learned yet (${why}) -> bounded step ${UNCALIBRATED_STEP}x ${c.basis} = ${bounded}`;
          const p2 = okProposal(name, fq.ms, { ...c, replicas: bounded }, ready, missing, unready, formula);
          if (region !== undefined) p2.region = region;
          out.push(p2);
          continue;
        }
        const head = `${t.quantile} ${roundText(fq.ms)}ms vs SLO ${roundText(t.slo)}ms x ${roundText(t.targetRatio)} -> ratio ${roundText(c.ratio)}`;
        const formula =
          c.note === 'within-tolerance'
            ? `${head} within tolerance -> keep ${current}`
            : `${head} -> ceil(${roundText(c.ratio)} x ${c.basis}) = ${c.replicas}`;
        p = okProposal(name, fq.ms, c, ready, missing, unready, formula);
      }
    } else if (t.type === 'query' || t.type === 'queue') {
      const value = scope.external?.[name];
      p = externalProposal({ target: t, value, machines, current, tolerances });
    } else {
      const resource = t.type === 'cpu' || t.type === 'memory';
      // HPA drops unready samples for CPU only; outside HPA mode every per-machine metric of a
      // machine that fails its health checks is dropped (it is not serving normally).
      const arithmetic: Arithmetic = hpa ? (resource ? 'hpa-resource' : 'hpa-plain') : 'float';
      const grouped = groupMachines(t, machines, hpa ? t.type === 'cpu' : true, arithmetic !== 'float');
      const target =
        t.type === 'rps' || t.type === 'connections'
          ? t.perMachine
          : t.type === 'custom'
            ? t.value
            : t.utilization;
      const c = perMachineReplicas({
        samples: grouped,
        target,
        currentReplicas: current,
        tolerances,
        arithmetic,
      });
      if (c === undefined) {
        p = invalidProposal(
          name,
          grouped.ready,
          grouped.missing,
          grouped.unready,
          `${name}: no machine reported it`,
        );
      } else {
        const percent = arithmetic === 'hpa-resource' ? 'integer' : resource ? 'fraction' : 'none';
        const scale = arithmetic === 'hpa-resource' ? 100 : 1;
        p = okProposal(
          name,
          c.usage / scale,
          c,
          grouped.ready,
          grouped.missing,
          grouped.unready,
          describe(name, c, current, percent),
        );
        p.target = c.target / scale;
      }
    }
    if (region !== undefined) p.region = region;
    out.push(p);
  }
  return out;
}

function invalidProposal(
  metric: string,
  readyCount: number,
  missingCount: number,
  unreadyCount: number,
  formula: string,
): MetricProposal {
  return { metric, status: 'invalid', readyCount, missingCount, unreadyCount, formula };
}

function okProposal(
  metric: string,
  current: number,
  c: ReplicaCalculation,
  readyCount: number,
  missingCount: number,
  unreadyCount: number,
  formula: string,
): MetricProposal {
  const p: MetricProposal = {
    metric,
    status: 'ok',
    current,
    target: c.target,
    ratio: c.rebalancedRatio ?? c.ratio,
    rawRatio: c.ratio,
    readyCount,
    missingCount,
    unreadyCount,
    basis: c.basis,
    proposed: c.replicas,
    formula,
  };
  if (c.note !== undefined) p.note = c.note;
  return p;
}
