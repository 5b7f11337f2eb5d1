import type { Parsed } from './schema/schema-node.js';
import type { AlertingConfig, AppConfig, CollectorConfig, GovernorConfig, MetricTarget } from './types.js';

type Loose = Record<string, unknown>;

/**
 * Turns schema output that passed every rule into a {@link GovernorConfig},
 * filling the defaults that depend on other fields.
 */
export function buildConfig(values: Record<string, Parsed<unknown>>): GovernorConfig {
  const collector = values.collector as Loose;
  const apps = values.apps as Loose[];
  return {
    ...(values as Loose),
    collector: {
      ...collector,
      staleAfter: collector.staleAfter ?? 3 * (collector.window as number),
    } as CollectorConfig,
    apps: apps.map(buildApp),
    alerting: (values.alerting as AlertingConfig | undefined) ?? {
      runbookBaseUrl: '',
      receivers: [],
      repeatInterval: 300_000,
    },
  } as unknown as GovernorConfig;
}

function buildApp(app: Loose): AppConfig {
  const targets = app.targets as MetricTarget[];
  const latency = targets.find((t) => t.type === 'latency');
  const alerts = app.alerts as Loose;
  const metrics = app.metrics as Loose & { custom: string[]; inFlight?: string };
  const customTargets = targets.flatMap((t) => (t.type === 'custom' ? [t.metric] : []));
  if (metrics.inFlight !== undefined) customTargets.push(metrics.inFlight);
  const regions = Object.fromEntries(
    Object.entries(app.regions as Record<string, Loose>).map(([name, bounds]) => [
      name,
      { ...bounds, max: bounds.max ?? app.max },
    ]),
  );
  return {
    ...app,
    regions,
    alerts: {
      ...alerts,
      slo: alerts.slo ?? latency?.slo,
      sloQuantile: alerts.sloQuantile ?? latency?.quantile ?? 'p99',
    },
    metrics: { ...metrics, custom: [...new Set([...metrics.custom, ...customTargets])] },
  } as unknown as AppConfig;
}
