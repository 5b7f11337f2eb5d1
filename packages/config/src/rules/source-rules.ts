import type { ParseContext } from '../schema/parse-context.js';
import { suggest } from '../suggest.js';
import { type RootValues, valid, validApps } from './rule-input.js';

/** Which source type each target type needs; undefined: the sidecar or a Prometheus source. */
const NEEDS: Record<string, 'prometheus' | 'redis'> = { query: 'prometheus', queue: 'redis' };

/**
 * `metrics.source` names a defined source; `query` targets need a Prometheus
 * source, `queue` targets a Redis source, and a Redis source serves only
 * `queue` targets (it holds no CPU, latency or request metrics). A
 * `connections` target on a Prometheus source needs the source's
 * `metrics.connections` (no preset has a connection gauge of its own).
 */
export function checkSources(values: RootValues, ctx: ParseContext): void {
  const sources = valid(values.metricSources);
  if (sources === undefined) return;
  for (const { app, index } of validApps(values, ['metrics', 'targets'])) {
    const at = ['apps', index];
    const name = app.metrics?.source;
    let type = 'sidecar';
    let connections: string | undefined;
    if (name !== undefined) {
      const source = Object.hasOwn(sources, name) ? sources[name] : undefined;
      if (source === undefined) {
        const known = Object.keys(sources);
        ctx.reportAt(
          'GOV_CONFIG_REFERENCE',
          [...at, 'metrics', 'source'],
          `metric source "${name}" is not defined under metricSources (known: ${known.join(', ') || 'none'})`,
          suggest(name, known),
        );
        continue;
      }
      type = source.type;
      if (source.type === 'prometheus') connections = source.metrics.connections;
    }
    const targets = app.targets ?? [];
    targets.forEach((target, t) => {
      if (target.type === 'connections' && type === 'prometheus' && connections === undefined) {
        ctx.reportAt(
          'GOV_CONFIG_TARGET',
          [...at, 'targets', t, 'type'],
          `a "connections" target on prometheus source "${name}" needs metricSources.${name}.metrics.connections (the gauge of open connections per instance)`,
        );
        return;
      }
      const needs = NEEDS[target.type];
      const fits = needs === undefined ? type !== 'redis' : type === needs;
      if (fits) return;
      const from = name === undefined ? 'the sidecar collectors' : `${type} source "${name}"`;
      const wants =
        needs === undefined ? 'the sidecar collectors or a prometheus source' : `a ${needs} source`;
      ctx.reportAt(
        'GOV_CONFIG_TARGET',
        [...at, 'targets', t, 'type'],
        `a "${target.type}" target needs ${wants} in metrics.source, but this app reads ${from}`,
      );
    });
  }
}
