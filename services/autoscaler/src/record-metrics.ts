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

/** What the last tick of an app left for its gauges, written at the next scrape. */
interface PendingTick {
  readonly app: AppRuntime;
  readonly record: DecisionRecord;
  readonly machines: AppRuntime['machines'];
  readonly stats: AppRuntime['stats'];
}

/**
 * Keeps the per-app gauges in step with each tick. A tick only notes what it
 * saw (its record, machines and fleet stats) and counts its outcome; the
 * gauges and counters are written when they are read (a scrape), from each
 * app's last tick: the same series a scrape saw when every tick wrote them,
 * at a cost per scrape instead of per app and tick. Label sets that vanish
 * (a region emptied, a state no machine is in any more) are removed, not left
 * at their last value.
 */
export class RecordMetrics {
  private readonly seen = new Map<string, Labels[]>();
  private readonly pending = new Map<string, PendingTick>();
  /** Outcomes counted since the last scrape, by app then outcome. */
  private readonly outcomes = new Map<string, Map<string, number>>();

  constructor(readonly metrics: SelfMetrics) {
    metrics.onCollect(() => this.flush());
  }

  /** Notes one tick's record for `app` (written to the metrics at the next scrape). */
  observeTick(app: AppRuntime, record: DecisionRecord): void {
    const name = app.name;
    this.pending.set(name, { app, record, machines: app.machines, stats: app.stats });
    let counts = this.outcomes.get(name);
    if (!counts) {
      counts = new Map();
      this.outcomes.set(name, counts);
    }
    counts.set(record.outcome, (counts.get(record.outcome) ?? 0) + 1);
  }

  /** Writes every noted tick and outcome to the metrics. */
  flush(): void {
    for (const [app, counts] of this.outcomes) {
      for (const [outcome, n] of counts) this.metrics.decisions.inc({ app, outcome }, n);
    }
    this.outcomes.clear();
    const ticks = [...this.pending.values()];
    this.pending.clear();
    for (const t of ticks) this.write(t);
  }

  private write({ app, record, machines, stats }: PendingTick): void {
    const m = this.metrics;
    const name = app.name;
    const machineCounts = new Map<string, { labels: Labels; n: number }>();
    for (const machine of machines) {
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
    this.pending.delete(app);
    // Its decisions stay counted, as they were when every tick wrote the counter.
    for (const [outcome, n] of this.outcomes.get(app) ?? []) this.metrics.decisions.inc({ app, outcome }, n);
    this.outcomes.delete(app);
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
