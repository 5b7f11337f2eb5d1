import { describeError, isGovernorError } from '@governor/errors';
import type { Observations } from '@governor/scaler';
import type { SelfMetrics } from '../self-metrics.js';
import { machineObservations } from './machine-observations.js';
import type { MetricSource, ObserveRequest } from './metric-source.js';

function codeOf(err: unknown): string {
  return isGovernorError(err) ? err.code : 'GOV_SOURCE_UNREACHABLE';
}

/**
 * Reads `source` for one app, timing the read into
 * `governor_source_query_duration_seconds` and counting failures into
 * `governor_source_failures_total`. A Prometheus or Redis source that fails
 * as a whole gives observations without metrics (every metric missing: no
 * scale-down, and the fallback after N such ticks) with the reason in
 * `sourceError`; a sidecar failure (the bus) still fails the tick as before.
 */
export async function observeWithHealth(
  source: MetricSource,
  req: ObserveRequest,
  metrics: SelfMetrics | undefined,
): Promise<Observations> {
  const labels = { source: source.name, type: source.type };
  const end = metrics?.sourceQueryDuration.startTimer(labels);
  const count = (err: unknown) => metrics?.sourceFailures.inc({ ...labels, code: codeOf(err) });
  try {
    return await source.observe({ ...req, onPartialFailure: count });
  } catch (err) {
    if (source.type === 'sidecar' || req.signal.aborted) throw err;
    count(err);
    return {
      app: req.app.name,
      machines: machineObservations(req.machines, () => undefined),
      sourceError: `${source.type} "${source.name}": ${describeError(err)}`,
      ...(req.edgeRps === undefined ? {} : { edgeRps: req.edgeRps }),
    };
  } finally {
    end?.();
  }
}
