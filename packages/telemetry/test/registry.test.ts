import { describe, expect, it } from 'vitest';
import {
  COLLECTOR_METRICS,
  counterFor,
  createMetricsRegistry,
  gaugeFor,
  histogramFor,
} from '../src/index.js';

describe('metrics registry helpers', () => {
  it('registers metrics with the name, help and labels of their spec', async () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    const g = gaugeFor(registry, COLLECTOR_METRICS.instanceCpu);
    g.set({ app: 'web', instance: 'i-1', region: 'ams' }, 0.5);
    const text = await registry.metrics();
    expect(text).toContain('# HELP governor_instance_cpu_utilization_ratio CPU utilisation');
    expect(text).toContain(
      'governor_instance_cpu_utilization_ratio{app="web",instance="i-1",region="ams"} 0.5',
    );
  });

  it('keeps registries apart, so two collectors in one process do not clash', async () => {
    const a = createMetricsRegistry({ processMetrics: false });
    const b = createMetricsRegistry({ processMetrics: false });
    counterFor(a, COLLECTOR_METRICS.snapshotsPublished).inc({ app: 'web', instance: 'a' });
    counterFor(b, COLLECTOR_METRICS.snapshotsPublished).inc({ app: 'web', instance: 'b' }, 2);
    expect(await a.metrics()).not.toContain('instance="b"');
    expect(await b.metrics()).toContain(
      'governor_collector_snapshots_published_total{app="web",instance="b"} 2',
    );
  });

  it('returns the metric already registered under a name, so collectors can share a registry', () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    const a = gaugeFor(registry, COLLECTOR_METRICS.instanceCpu);
    const b = gaugeFor(registry, COLLECTOR_METRICS.instanceCpu);
    expect(b).toBe(a);
    expect(counterFor(registry, COLLECTOR_METRICS.publishErrors)).toBe(
      counterFor(registry, COLLECTOR_METRICS.publishErrors),
    );
  });

  it('adds process metrics by default', async () => {
    const text = await createMetricsRegistry().metrics();
    expect(text).toContain('process_cpu_seconds_total');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('refuses a spec of another type', () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    expect(() => counterFor(registry, COLLECTOR_METRICS.instanceCpu)).toThrow(/gauge, not a counter/);
    expect(() => histogramFor(registry, COLLECTOR_METRICS.instanceCpu)).toThrow(TypeError);
  });
});
