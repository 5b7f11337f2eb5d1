import type { AppConfig, QueryTarget, QueueTarget } from '@governor/config';
import { fleetReplicas } from './hpa/replica-calculator.js';
import type { Tolerances } from './hpa/tolerance.js';
import { isWithinTolerance } from './hpa/tolerance.js';
import { machinesFor, roundText } from './numbers.js';
import type { MachineObservation, MetricProposal } from './types.js';

/** A target whose value is one number for the whole app, read from a metric source. */
export type ExternalTarget = QueryTarget | QueueTarget;

/** The key of an external target in `Observations.external` and its proposal name. */
export function externalKey(t: ExternalTarget): string {
  if (t.type === 'query') return `query:${t.name}`;
  return t.queue !== undefined ? `queue:${t.queue}` : `list:${t.list ?? ''}`;
}

/** Whether the target divides a fleet total by a per-machine share (else: an average per machine). */
export function isPerMachine(t: ExternalTarget): t is ExternalTarget & { perMachine: number } {
  return t.perMachine !== undefined;
}

/** The policy's `query` and `queue` targets. */
export function externalTargets(policy: AppConfig): ExternalTarget[] {
  const out: ExternalTarget[] = [];
  for (const t of policy.targets) if (t.type === 'query' || t.type === 'queue') out.push(t);
  return out;
}

/** Inputs of {@link externalProposal}. */
export interface ExternalInput {
  readonly target: ExternalTarget;
  /** The fleet value of this scope; undefined when the source gave none. */
  readonly value: number | undefined;
  readonly machines: readonly MachineObservation[];
  readonly current: number;
  readonly tolerances: Tolerances;
}

/**
 * One proposal for a `query` or `queue` target, in the Kubernetes HPA style
 * of External metrics. With `perMachine` (HPA AverageValue): ratio = value /
 * (perMachine x current); within tolerance -> keep, else ceil(value /
 * perMachine). With `value` (HPA Value): the value is an average per
 * machine, ratio = value / target, ceil(ratio x ready machines).
 */
export function externalProposal(input: ExternalInput): MetricProposal {
  const { target: t, value, machines, current, tolerances } = input;
  const metric = externalKey(t);
  let ready = 0;
  for (const m of machines) if (m.ready) ready++;
  const unreadyCount = machines.length - ready;
  if (value === undefined || !Number.isFinite(value)) {
    return {
      metric,
      status: 'invalid',
      readyCount: ready,
      missingCount: machines.length,
      unreadyCount,
      formula: `${metric}: no value from the metric source`,
    };
  }
  const base = { metric, status: 'ok' as const, readyCount: ready, missingCount: 0, unreadyCount };
  if (isPerMachine(t)) {
    const per = t.perMachine;
    const ratio = current === 0 ? value / per : value / (per * current);
    const head = `${metric} ${roundText(value)} vs ${roundText(per)} per machine -> ratio ${roundText(ratio)}`;
    if (current > 0 && isWithinTolerance(ratio, tolerances)) {
      return {
        ...base,
        current: value,
        target: per,
        ratio,
        rawRatio: ratio,
        basis: current,
        proposed: current,
        note: 'within-tolerance',
        formula: `${head} within tolerance -> keep ${current}`,
      };
    }
    const proposed = machinesFor(value / per);
    return {
      ...base,
      current: value,
      target: per,
      ratio,
      rawRatio: ratio,
      basis: current,
      proposed,
      formula: `${head} -> ceil(${roundText(value)} / ${roundText(per)}) = ${proposed}`,
    };
  }
  // Only a query target may lack perMachine (a queue target requires it).
  const target = (t as QueryTarget).value as number;
  const c = fleetReplicas(value, target, current, ready, tolerances);
  const head = `${metric} ${roundText(value)} vs target ${roundText(target)} -> ratio ${roundText(c.ratio)}`;
  const p: MetricProposal = {
    ...base,
    current: value,
    target,
    ratio: c.ratio,
    rawRatio: c.ratio,
    basis: c.basis,
    proposed: c.replicas,
    formula:
      c.note === 'within-tolerance'
        ? `${head} within tolerance -> keep ${current}`
        : `${head} -> ceil(${roundText(c.ratio)} x ${c.basis}) = ${c.replicas}`,
  };
  if (c.note !== undefined) p.note = c.note;
  return p;
}

/**
 * The external values one region sees: a fleet total (`perMachine`) is
 * shared in proportion to the region's running machines; an average per
 * machine holds for every region as it is.
 */
export function regionExternal(
  targets: readonly ExternalTarget[],
  external: Readonly<Record<string, number>> | undefined,
  regionRunning: number,
  appRunning: number,
): Record<string, number> | undefined {
  if (external === undefined) return undefined;
  const out: Record<string, number> = { ...external };
  const share = appRunning === 0 ? 0 : regionRunning / appRunning;
  for (const t of targets) {
    const key = externalKey(t);
    const v = external[key];
    if (v !== undefined && isPerMachine(t)) out[key] = v * share;
  }
  return out;
}
