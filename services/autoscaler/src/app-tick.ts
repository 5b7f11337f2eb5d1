import type { ActionQueue } from '@governor/actions';
import type { SnapshotBus } from '@governor/bus';
import { describeError, isGovernorError } from '@governor/errors';
import type { Provider } from '@governor/providers';
import type { History, decide as scalerDecide } from '@governor/scaler';
import type { AppRuntime } from './app-runtime.js';
import type { DecisionRecord, Disposition } from './decision-record.js';
import { fleetStats } from './fleet-stats.js';
import { buildObservations } from './observations.js';
import { placeRegions } from './place-regions.js';
import type { SelfMetrics } from './self-metrics.js';
import type { MetricSource } from './sources/metric-source.js';
import { observeWithHealth } from './sources/observe-with-health.js';

/** What one app's tick needs from the daemon. */
export interface AppTickContext {
  readonly provider: Provider;
  /** Region that receives new machines when the policy has no regions. */
  readonly primaryRegion: string;
  readonly bus: SnapshotBus;
  readonly queue: ActionQueue;
  readonly decide: typeof scalerDecide;
  /** ms after which a snapshot is stale. */
  readonly staleAfter: number;
  readonly edgeRps?: number;
  readonly newId: () => string;
  /** Leader fencing token to attach to actions (cluster mode). */
  readonly fencingToken?: number;
  /**
   * Persists the app's new scaler history before anything is enqueued
   * (cluster mode: a new leader continues from it). A rejection fails the
   * tick, so nothing is enqueued. Default: history stays in memory only.
   */
  readonly saveHistory?: (app: string, history: History) => Promise<void>;
  /** Where the app's metrics come from. Default: the bus snapshots (sidecar collectors). */
  readonly source?: MetricSource;
  /** Source health metrics go here. Default: none. */
  readonly metrics?: SelfMetrics;
}

/**
 * One app's tick: observe (provider machines + fresh snapshots), decide,
 * record, and, in active mode, enqueue the target. Throws only when
 * observing or deciding failed; the caller records that as an `error`
 * decision and goes on with other apps.
 */
export async function tickApp(
  ctx: AppTickContext,
  app: AppRuntime,
  now: number,
  signal: AbortSignal,
): Promise<DecisionRecord> {
  const policy = app.policy;
  const machines = await ctx.provider.list(policy.name);
  signal.throwIfAborted();
  const observations = ctx.source
    ? await observeWithHealth(
        ctx.source,
        {
          app: policy,
          machines,
          now,
          signal,
          ...(ctx.edgeRps === undefined ? {} : { edgeRps: ctx.edgeRps }),
        },
        ctx.metrics,
      )
    : buildObservations({
        app: policy.name,
        machines,
        snapshots: await ctx.bus.latest(policy.name),
        now,
        staleAfter: ctx.staleAfter,
        ...(ctx.edgeRps === undefined ? {} : { edgeRps: ctx.edgeRps }),
      });
  signal.throwIfAborted();
  app.machines = machines;
  app.stats = fleetStats(observations);
  const decision = ctx.decide(policy, observations, app.history, now);
  app.history = decision.history;
  if (ctx.saveHistory) await ctx.saveHistory(policy.name, decision.history);

  const mode = app.mode();
  const override = app.activeOverride(now);
  const decided = placeRegions(decision.desiredByRegion, machines, ctx.primaryRegion);
  let target = decided;
  let disposition: Disposition = mode === 'active' ? 'enqueued' : mode;
  // The scaler's explanation already reads `<reasons>; <app>: <current> -> <desired> (<outcome>)`.
  let explanation = decision.explanation;
  if (override && mode === 'active') {
    const n = Math.min(policy.max, Math.max(policy.min, override.machines));
    target = placeRegions({ '*': n }, machines, ctx.primaryRegion);
    disposition = 'override';
    explanation =
      `${policy.name}: ${decision.current} -> ${n} machines (manual override until ` +
      `${new Date(override.expiresAt).toISOString()}${override.reason ? `: ${override.reason}` : ''}); ` +
      `the scaler alone would run ${decision.desired}: ${decision.explanation}`;
  } else if (mode !== 'active') {
    explanation = `${policy.name} is ${mode}, not acting: ${explanation}`;
  }

  const record: DecisionRecord = {
    id: ctx.newId(),
    app: policy.name,
    at: now,
    mode,
    disposition,
    current: decision.current,
    decided: decision.desired,
    target,
    explanation,
    outcome: decision.outcome,
    decision,
  };
  if (disposition === 'enqueued' || disposition === 'override') {
    await ctx.queue.enqueue({
      app: policy.name,
      desired: target,
      decisionId: record.id,
      // The worker that runs it may be another replica's, which never saw this decision.
      warmPool: decision.warmPool,
      ...(policy.park === 'suspend' ? { park: 'suspend' as const } : {}),
      ...(ctx.fencingToken === undefined ? {} : { fencingToken: ctx.fencingToken }),
    });
  }
  app.lastTickAt = now;
  return record;
}

/** The record of a tick that failed before a decision was made. */
export function failedRecord(id: string, app: AppRuntime, now: number, err: unknown): DecisionRecord {
  const code = isGovernorError(err) ? err.code : 'GOV_SERVICE_APP_TICK_FAILED';
  const message = describeError(err);
  return {
    id,
    app: app.name,
    at: now,
    mode: app.mode(),
    disposition: 'error',
    current: app.machines.filter((m) => m.state === 'started' || m.state === 'starting').length,
    explanation: `${app.name}: no decision this tick, keeping the fleet as it is: ${message}`,
    outcome: 'error',
    error: { code, message },
  };
}
