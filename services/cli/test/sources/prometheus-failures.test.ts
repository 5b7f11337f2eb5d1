import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Autoscaler, observeWithHealth, PrometheusSource, SelfMetrics } from '@governor/autoscaler';
import { MemoryBus } from '@governor/bus';
import type { AppConfig, GovernorConfig, PrometheusSourceConfig } from '@governor/config';
import { configFrom } from '@governor/config/testing';
import { FakeProvider } from '@governor/provider-emulators/fake';
import type { Machine } from '@governor/providers';
import { decide, emptyHistory } from '@governor/scaler';
import { freePort, startPrometheus, type TestPrometheus } from '@governor/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoFleet, startDemoFleet } from './demo-fleet.js';

/** A slow, failing or unreachable Prometheus gives missing metrics: no crash, no scale-down. */

let fleet: DemoFleet;
let prometheus: TestPrometheus;
const servers: Server[] = [];

beforeAll(async () => {
  fleet = await startDemoFleet(1);
  prometheus = await startPrometheus({ jobs: { demo: fleet.machines.map((m) => m.address as string) } });
}, 120_000);
afterAll(async () => {
  for (const s of servers) s.close();
  await prometheus?.stop();
  await fleet?.stop();
});

function demoConfig(url: string, extraTargets = ''): GovernorConfig {
  return configFrom(`
version: 1
daemon: { listen: 127.0.0.1:0, tickInterval: 50ms }
metricSources:
  prom: { type: prometheus, url: ${url}, lookback: 10s, timeout: 1s }
providers:
  fake: { type: local, command: "true", portRange: [9000, 9010], region: local }
apps:
  - name: demo
    provider: fake
    min: 1
    max: 10
    metrics: { source: prom }
    fallback: { machines: 5, afterFailures: 3 }
    behavior: { scaleDown: { stabilizationWindow: 0s } }
    targets:
      - { type: cpu, utilization: 70% }
${extraTargets}
`);
}

/** An HTTP server answering every request with `handler`. */
async function server(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

/** Three running machines of app demo. */
const three: Machine[] = ['a', 'b', 'c'].map((id) => ({
  id,
  app: 'demo',
  region: 'local',
  state: 'started',
  createdAt: 0,
  health: 'healthy',
}));

async function readThrough(url: string) {
  const config = demoConfig(url);
  const app = config.apps[0] as AppConfig;
  const metrics = new SelfMetrics();
  const source = new PrometheusSource({ config: config.metricSources?.prom as PrometheusSourceConfig });
  const obs = await observeWithHealth(
    source,
    { app, machines: three, now: Date.now(), signal: new AbortController().signal },
    metrics,
  );
  return { obs, app, metrics };
}

describe('a Prometheus that cannot answer', () => {
  it.each([
    ['unreachable', async () => `http://127.0.0.1:${await freePort()}`, 'GOV_SOURCE_UNREACHABLE'],
    [
      'slow',
      () =>
        server((_req, res) => {
          setTimeout(() => res.end('{}'), 3000).unref();
        }),
      'GOV_SOURCE_TIMEOUT',
    ],
    [
      'failing',
      () =>
        server((_req, res) => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'overloaded' }));
        }),
      'GOV_SOURCE_QUERY_FAILED',
    ],
  ])(
    '%s: every metric is missing, the fleet is kept, the reason is in the decision',
    async (_, url, code) => {
      // The slow server answers after 3 s, the source's timeout is 1 s: GOV_SOURCE_TIMEOUT shows it
      // gave up on its own (the late answer would read as GOV_SOURCE_QUERY_FAILED), with no
      // wall-clock bound that a loaded machine could overrun.
      const { obs, app, metrics } = await readThrough(await url());
      expect(obs.machines.map((m) => m.metrics)).toEqual([undefined, undefined, undefined]);
      expect(obs.sourceError).toContain(code);
      const d = decide(app, obs, emptyHistory(), Date.now());
      expect(d.desired).toBe(3);
      expect(d.explanation).toContain(`metric source failed: prometheus "prom": ${code}`);
      const text = await metrics.registry.metrics();
      expect(text).toContain(
        `governor_source_failures_total{source="prom",type="prometheus",code="${code}"} 1`,
      );
      expect(text).toContain(
        'governor_source_query_duration_seconds_count{source="prom",type="prometheus"} 1',
      );
    },
  );

  it('a bad query among good ones: only its target is missing, and it blocks scale-down', async () => {
    const config = demoConfig(
      prometheus.url,
      '      - { type: query, name: broken, query: "sum(", perMachine: 5 }\n' +
        '      - { type: query, name: up, query: "sum(up)", perMachine: 1 }',
    );
    const app = config.apps[0] as AppConfig;
    const source = new PrometheusSource({ config: config.metricSources?.prom as PrometheusSourceConfig });
    // Wait for the first scrapes of the demo instance.
    let obs = await source.observe({
      app,
      machines: fleet.machines,
      now: Date.now(),
      signal: AbortSignal.timeout(5000),
    });
    for (let i = 0; i < 50 && obs.external?.['query:up'] === undefined; i++) {
      await new Promise((r) => setTimeout(r, 200));
      obs = await source.observe({
        app,
        machines: fleet.machines,
        now: Date.now(),
        signal: AbortSignal.timeout(5000),
      });
    }
    expect(obs.external).toEqual({ 'query:up': 1 });
    expect(obs.sourceError).toMatch(/prometheus "prom": 1 of \d+ queries failed: GOV_SOURCE_QUERY_FAILED/);
    const d = decide(
      app,
      { ...obs, machines: [...obs.machines, { id: 'x', region: 'local', running: true, ready: true }] },
      emptyHistory(),
      Date.now(),
    );
    expect(d.proposals.find((p) => p.metric === 'query:broken')?.status).toBe('invalid');
    expect(d.desired, d.explanation).toBe(2);
  });

  it('the daemon keeps ticking through an outage and falls back after N failed ticks', async () => {
    const config = demoConfig(`http://127.0.0.1:${await freePort()}`);
    const provider = new FakeProvider();
    const a = new Autoscaler({
      config,
      configHash: 'abc123abc123abc1',
      providers: { fake: provider },
      bus: new MemoryBus(),
    });
    try {
      for (let i = 0; i < 4; i++) {
        await a.tickOnce();
        await a.queue.idle();
      }
      const outcomes = a.decisions.list({ app: 'demo' }).map((r) => r.outcome);
      // Tick 1 starts the minimum (no machine: nothing measured); then 3 ticks without metrics -> fallback.
      expect(outcomes).toEqual(['scale_up', 'no_change', 'no_change', 'fallback']);
      const last = a.decisions.list({ app: 'demo', limit: 1 })[0];
      expect(last?.explanation).toContain('no usable metrics for 3 ticks -> fallback 5');
      // The scale-up rate policy (+4 per 15 s, counted from the 0 -> 1 start) lets 4 of the 5 run now.
      expect(provider.listSync('demo').filter((m) => m.state === 'started')).toHaveLength(4);
      const text = await a.metrics.registry.metrics();
      expect(text).toMatch(
        /governor_source_failures_total\{source="prom",type="prometheus",code="GOV_SOURCE_UNREACHABLE"\} 4/,
      );
    } finally {
      await a.stop();
    }
  }, 30_000);
});
