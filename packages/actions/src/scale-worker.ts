import { describeError, GovernorError } from '@governor/errors';
import { executeStep, type Machine, type Provider, type ReconcileStep, reconcile } from '@governor/providers';
import type { ActionHandler, ActionResult, ScaleRequest, StepReport } from './scale-request.js';

/** Options of {@link createScaleWorker}. */
export interface ScaleWorkerOptions {
  /** The provider that runs an app's machines. Throw for an unknown app. */
  readonly provider: (app: string) => Provider;
  /** Stopped machines to keep per region for an app. Default 0. */
  readonly warmPool?: (app: string) => number;
  /** Steps per action at most. Default 10. */
  readonly maxSteps?: number;
  /**
   * Called once per action, before any step that stops, suspends or destroys
   * a running machine, with those machines' ids: marks them draining (so
   * discovery clients move away) and waits for the drain delay. Its
   * rejection is reported through `onDrainError` and never blocks the steps.
   * Default: none.
   */
  readonly drain?: (app: string, ids: readonly string[], signal: AbortSignal) => Promise<void>;
  /** Called with a `drain` rejection. Default: ignore. */
  readonly onDrainError?: (app: string, err: unknown) => void;
  /** Called after each step (spans, metrics). Errors thrown here are ignored. */
  readonly onStep?: (request: ScaleRequest, report: StepReport) => void;
  /** Clock, ms since epoch. Default `Date.now`. */
  readonly now?: () => number;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason ?? new GovernorError('GOV_ACTION_TIMEOUT', 'aborted');
}

const REMOVALS = new Set(['stop', 'suspend', 'destroy']);
const SERVING = new Set(['started', 'starting', 'replacing']);

/** Marks the running machines that `steps` take away as draining, and waits, before any step runs. */
async function drainFirst(
  options: ScaleWorkerOptions,
  app: string,
  steps: readonly ReconcileStep[],
  machines: readonly Machine[],
  signal: AbortSignal,
): Promise<void> {
  if (!options.drain) return;
  const serving = new Set(machines.filter((m) => SERVING.has(m.state)).map((m) => m.id));
  const ids = steps.flatMap((s) =>
    s.action !== 'create' && REMOVALS.has(s.action) && serving.has(s.id) ? [s.id] : [],
  );
  if (ids.length === 0) return;
  try {
    await options.drain(app, ids, signal);
  } catch (err) {
    options.onDrainError?.(app, err);
  }
  throwIfAborted(signal);
}

/**
 * The action worker: lists the app's machines, plans the steps that reach the
 * desired count (`reconcile`), applies them one by one and reports each. A
 * failed step does not stop the others (they are independent machines); the
 * result is then `error`. There is no retry here: the autoscaler asks again
 * on its next tick with the newest desired count.
 */
export function createScaleWorker(options: ScaleWorkerOptions): ActionHandler {
  const now = options.now ?? Date.now;
  return async (request, signal): Promise<ActionResult> => {
    const startedAt = now();
    const provider = options.provider(request.app);
    const machines = await provider.list(request.app);
    throwIfAborted(signal);
    const steps = reconcile({
      desired: request.desired,
      machines,
      warmPool: request.warmPool ?? options.warmPool?.(request.app) ?? 0,
      maxSteps: options.maxSteps ?? 10,
      park: request.park ?? 'stop',
    });
    await drainFirst(options, request.app, steps, machines, signal);
    const reports: StepReport[] = [];
    let firstError: { code: string; message: string } | undefined;
    for (const step of steps) {
      throwIfAborted(signal);
      let report: StepReport;
      try {
        const created = await executeStep(provider, request.app, step);
        const machineId = step.action === 'create' ? created?.id : step.id;
        report = { action: step.action, region: step.region, reason: step.reason, result: 'ok', machineId };
      } catch (err) {
        const message = describeError(err);
        firstError ??= { code: err instanceof GovernorError ? err.code : 'GOV_ACTION_FAILED', message };
        report = {
          action: step.action,
          region: step.region,
          reason: step.reason,
          result: 'error',
          error: message,
          ...(step.action !== 'create' ? { machineId: step.id } : {}),
        };
      }
      reports.push(report);
      try {
        options.onStep?.(request, report);
      } catch {
        // Observability hooks never fail an action.
      }
    }
    return {
      app: request.app,
      decisionId: request.decisionId,
      result: firstError ? 'error' : 'ok',
      steps: reports,
      ...(firstError ? { error: firstError } : {}),
      startedAt,
      finishedAt: now(),
    };
  };
}
