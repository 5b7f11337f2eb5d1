import { MemoryBus } from '@governor/bus';
import { silentLogger } from '@governor/telemetry';
import { afterEach, describe, expect, it } from 'vitest';
import { type Collector, createCollector } from '../src/index.js';
import { type AppProcess, startApp } from './helpers/app-process.js';
import { testSettings } from './helpers/harness.js';

const variants: { label: string; env: Record<string, string> }[] = [
  { label: 'prom-client seconds histogram over OpenMetrics', env: { NAMING: 'prom', FORMAT: 'openmetrics' } },
  { label: 'OpenTelemetry http_server_request_duration_seconds', env: { NAMING: 'otel' } },
  { label: 'prom-client http_request_duration_ms with a code label', env: { NAMING: 'ms' } },
];

describe.each(variants)('recognises $label', ({ env }) => {
  let app: AppProcess;
  let collector: Collector | undefined;
  afterEach(async () => {
    await collector?.stop();
    await app.stop();
  });

  it('without any names in the policy', async () => {
    app = await startApp(env);
    let mono = 0;
    const c = createCollector({
      app: { name: 'web' },
      identity: { app: 'web', instance: 'i-1', region: 'ams' },
      targets: [app.metricsUrl],
      bus: new MemoryBus(),
      settings: testSettings(),
      logger: silentLogger(),
      monotonic: () => mono,
    });
    collector = c;
    await c.collectOnce();
    await app.work(18, 200, 40);
    await app.work(2, 502, 800);
    mono = 4000;
    const s = await c.collectOnce();
    expect(s.requests).toEqual({ count: 20, rate: 5, errorRatio: 0.1 });
    // 18 in (0.025, 0.05], 2 in (0.5, 1]: P50 = 0.025 + 0.025 * 10/18, P99 = 0.5 + 0.5 * (19.8 - 18) / 2.
    expect(s.quantiles?.p50).toBeCloseTo(0.025 + 0.025 * (10 / 18), 9);
    expect(s.quantiles?.p90).toBeCloseTo(0.05, 9);
    expect(s.quantiles?.p99).toBeCloseTo(0.5 + 0.5 * (1.8 / 2), 9);
  });
});
