import {
  type ActionHandler,
  type ActionQueue,
  createScaleWorker,
  InProcessActionQueue,
} from '@governor/actions';
import type { Provider } from '@governor/providers';
import { inSpan } from '@governor/telemetry';
import type { Tracer } from '@opentelemetry/api';

/** Options of {@link tracedScaleQueue}. */
export interface TracedScaleQueueOptions {
  /** The provider of an app (throws for an unknown app). */
  readonly provider: (app: string) => Provider;
  /** Stopped machines to keep ready for an app. */
  readonly warmPool: (app: string) => number;
  readonly tracer: Tracer;
  /** Action timeout, ms. */
  readonly timeoutMs: number;
  readonly now: () => number;
  /** Marks machines draining before a scale-down stops them (see `createScaleWorker`). Default: none. */
  readonly drain?: (app: string, ids: readonly string[], signal: AbortSignal) => Promise<void>;
  /** Called with a failed drain. Default: ignore. */
  readonly onDrainError?: (app: string, err: unknown) => void;
}

/**
 * The standalone action queue: an in-process queue over the providers'
 * reconcile worker, with one `autoscaler.action` span per action (app,
 * decision id, result, step count).
 */
export function tracedScaleQueue(options: TracedScaleQueueOptions): ActionQueue {
  const worker = createScaleWorker({
    provider: options.provider,
    warmPool: options.warmPool,
    ...(options.drain ? { drain: options.drain } : {}),
    ...(options.onDrainError ? { onDrainError: options.onDrainError } : {}),
  });
  const traced: ActionHandler = (request, signal) =>
    inSpan(
      options.tracer,
      'autoscaler.action',
      { app: request.app, 'decision.id': request.decisionId },
      async (span) => {
        const result = await worker(request, signal);
        span.setAttributes({ 'action.result': result.result, 'action.steps': result.steps.length });
        return result;
      },
    );
  return new InProcessActionQueue({ handler: traced, timeoutMs: options.timeoutMs, now: options.now });
}
