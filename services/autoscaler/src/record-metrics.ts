import type { ActionResult } from '@governor/actions';
import type { AppConfig } from '@governor/config';
import type { Decision } from '@governor/scaler';
import { percentileLabel } from '@governor/telemetry';
import type { AppRuntime } from './app-runtime.js';
import type { DecisionRecord } from './decision-record.js';
import { SelfMetrics } from './self-metrics.js';

type Labels = Record<string, string>;

/**
 * What the metrics asked for before rate limits and min/max: the input of the
 * last `rate` step (per region, summed), or the decision when there is none.
 */
export function recommendedOf(decision: Decision): number {
  const lastPerScope = new Map<string, number>();
  for (const s of decision.steps) if (s.stage === 'rate') lastPerScope.set(s.region ?? '', s.before);
  if (lastPerScope.size === 0) return decision.desired;
  return [...lastPerScope.values()].reduce((a, b) => a + b, 0);
}

/**
 * Keeps the per-app gauges in step with each tick. Label sets that vanish
 * (a region emptied, a state no machine is in any more) are removed, not left
 * at their last value.
 */
export class RecordMetrics {
  private readonly seen = new Map<string, Labels[]>();

  constructor(readonly metrics: SelfMetrics) {}

  /** Updates counters and gauges from one tick's record for `app`. */
  observeTick(app: AppRuntime, record: DecisionRecord): void {
    const m = this.metrics;
    const name = app.name;
    m.decisions.inc({ app: name, outcome: record.outcome });

    const machineCounts = new Map<string, { labels: Labels; n: number }>();
    for (const machine of app.machines) {
      const key = `${machine.region}\0${machine.state}`;
      const labels = { app: name, region: machine.region, state: machine.state };
      const entry = machineCounts.get(key) ?? { labels, n: 0 };
      entry.n++;
      machineCounts.set(key, entry);
    }
    this.replace(
      'machines',
      name,
      [...machineCounts.values()].map(({ labels, n }) => [labels, n]),
    );
    if (record.target) {
      this.replace(
        'desired',
        name,
        Object.entries(record.target).map(([region, n]) => [{ app: name, region }, n]),
      );
    }
    const decision = record.decision;
    if (decision) {
      m.recommended.set({ app: name }, recommendedOf(decision));
      m.minMachines.set({ app: name }, decision.bounds.min);
      m.maxMachines.set({ app: name }, decision.bounds.max);
    }
    const stats = app.stats;
    const set = SelfMetrics.setOrRemove;
    for (const q of ['p50', 'p90', 'p99'] as const) {
      set(m.appLatency, { app: name, percentile: percentileLabel(q) }, stats?.latency[q]);
    }
    set(m.appCpu, { app: name }, stats?.cpu);
    set(m.appMemory, { app: name }, stats?.memory);
    set(m.appErrorRatio, { app: name }, stats?.errorRatio);
    set(m.appReporting, { app: name }, stats?.reporting ?? 0);
    this.observePolicy(app.policy);
  }

  /** SLO gauge from the policy's effective SLO (`AppConfig.slo`). */
  observePolicy(policy: AppConfig): void {
    const { slo } = policy;
    this.replace(
      'slo',
      policy.name,
      slo === undefined
        ? []
        : [[{ app: policy.name, percentile: percentileLabel(slo.quantile) }, slo.ms / 1000]],
    );
  }

  /** Counts an action result: one `governor_actions_total` per step, or one for the whole action. */
  observeAction(result: ActionResult): void {
    const actions = this.metrics.actions;
    if (result.result === 'superseded') return;
    if (result.steps.length > 0) {
      for (const s of result.steps) actions.inc({ app: result.app, action: s.action, result: s.result });
    } else if (result.result !== 'ok') {
      actions.inc({ app: result.app, action: 'reconcile', result: result.result });
    }
  }

  /** Removes every series of an app (removed from the config). */
  forget(app: string): void {
    for (const kind of ['machines', 'desired', 'slo'] as const) this.replace(kind, app, []);
    this.metrics.forgetApp(app);
  }

  private replace(kind: 'machines' | 'desired' | 'slo', app: string, series: Array<[Labels, number]>): void {
    const gauge =
      kind === 'machines'
        ? this.metrics.machines
        : kind === 'desired'
          ? this.metrics.desired
          : this.metrics.appSlo;
    const key = `${kind}\0${app}`;
    for (const labels of this.seen.get(key) ?? []) gauge.remove(labels);
    for (const [labels, n] of series) gauge.set(labels, n);
    this.seen.set(
      key,
      series.map(([labels]) => labels),
    );
  }
}
