import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { PrometheusSource } from '@governor/autoscaler';
import { MemoryBus } from '@governor/bus';
import {
  type Collector,
  type CollectorServer,
  createCollector,
  startCollectorServer,
} from '@governor/collector';
import {
  type AppConfig,
  defaultCollectorConfig,
  type GovernorConfig,
  type PrometheusSourceConfig,
} from '@governor/config';
import { configFrom } from '@governor/config/testing';
import { decide, emptyHistory, type MachineObservation } from '@governor/scaler';
import { silentLogger } from '@governor/telemetry';
import { startPrometheus, type TestPrometheus } from '@governor/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAppOnProm } from './demo-app-config.js';
import { type DemoFleet, startDemoFleet } from './demo-fleet.js';

/**
 * The Prometheus source's connections, network and disk fields against a
 * real Prometheus scraping the sidecar collectors of real demo-app
 * instances (their `governor_instance_*` series; Prometheus keeps the
 * collector's own `instance` label as `exported_instance`).
 */

let fleet: DemoFleet;
let prometheus: TestPrometheus;
let config: GovernorConfig;
const collectors: Collector[] = [];
const servers: CollectorServer[] = [];
const held: Socket[] = [];
/** Connections the test holds open to each instance. */
const HOLD = [3, 5];

beforeAll(async () => {
  fleet = await startDemoFleet(2);
  for (const [i, m] of fleet.machines.entries()) {
    const c = createCollector({
      app: { name: 'demo' },
      identity: { app: 'demo', instance: m.id, region: 'local' },
      targets: [`http://${m.address}/metrics`],
      bus: new MemoryBus(),
      hostStats: { kind: 'process', pid: fleet.pids[i] as number },
      settings: {
        ...defaultCollectorConfig(),
        scrapeInterval: 1000,
        scrapeTimeout: 900,
        window: 1000,
        jitter: 0,
        staleAfter: 60_000,
      },
      logger: silentLogger(),
    });
    c.start();
    collectors.push(c);
    servers.push(
      await startCollectorServer({
        registry: c.registry,
        ready: () => c.ready(),
        port: 0,
        logger: silentLogger(),
      }),
    );
    const [host, port] = (m.address as string).split(':') as [string, string];
    for (let k = 0; k < (HOLD[i] as number); k++) {
      const s = connect(Number(port), host);
      await new Promise<void>((resolve, reject) => s.once('connect', resolve).once('error', reject));
      held.push(s);
    }
  }
  prometheus = await startPrometheus({ jobs: { sidecars: servers.map((s) => `127.0.0.1:${s.port}`) } });
  config = configFrom(`
version: 1
metricSources:
  prom:
    type: prometheus
    url: ${prometheus.url}
    lookback: 10s
    timeout: 2s
    selector: 'app="{app}"'
    labels: { instance: exported_instance }
    metrics:
      connections: governor_instance_connections
      networkReceiveBytes: governor_instance_network_receive_bytes_total
      networkTransmitBytes: governor_instance_network_transmit_bytes_total
      diskReadBytes: governor_instance_disk_read_bytes_total
      diskWrittenBytes: governor_instance_disk_written_bytes_total
${demoAppOnProm(['{ type: connections, perMachine: 2 }'])}`);
}, 120_000);

afterAll(async () => {
  for (const s of held) s.destroy();
  await prometheus?.stop();
  for (const s of servers) await s.close();
  for (const c of collectors) await c.stop();
  await fleet?.stop();
});

describe('the Prometheus source fills connections, network and disk', () => {
  it('per instance, from the series it is told to read, and a connections target decides on them', async () => {
    const app = config.apps[0] as AppConfig;
    const source = new PrometheusSource({ config: config.metricSources?.prom as PrometheusSourceConfig });
    let machines: readonly MachineObservation[] = [];
    // Until Prometheus has two scrapes of every counter inside the lookback.
    await expect
      .poll(
        async () => {
          const obs = await source.observe({
            app,
            machines: fleet.machines,
            now: Date.now(),
            signal: new AbortController().signal,
          });
          machines = obs.machines;
          return machines.map((m) => ({
            connections: (m.metrics?.connections ?? 0) >= (HOLD[Number(m.id.slice(-1))] as number),
            network: m.metrics?.network !== undefined,
          }));
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toEqual([
        { connections: true, network: true },
        { connections: true, network: true },
      ]);
    for (const [i, m] of machines.entries()) {
      const hold = HOLD[i] as number;
      // The held sockets, plus at most the collector's scrape connection and one in flight.
      expect(m.metrics?.connections).toBeLessThanOrEqual(hold + 2);
      const net = m.metrics?.network;
      expect(Number.isFinite(net?.receiveBytesPerSecond) && (net?.receiveBytesPerSecond ?? -1) >= 0).toBe(
        true,
      );
      expect(Number.isFinite(net?.transmitBytesPerSecond) && (net?.transmitBytesPerSecond ?? -1) >= 0).toBe(
        true,
      );
      if (existsSync('/proc/self/io')) {
        expect(m.metrics?.disk).toEqual({
          readBytesPerSecond: expect.any(Number),
          writeBytesPerSecond: expect.any(Number),
        });
      }
    }
    const d = decide(app, { app: 'demo', machines }, emptyHistory(), Date.now());
    const proposal = d.proposals.find((p) => p.metric === 'connections');
    const total = machines.reduce((sum, m) => sum + (m.metrics?.connections ?? 0), 0);
    expect({ status: proposal?.status, proposed: proposal?.proposed }).toEqual({
      status: 'ok',
      proposed: Math.ceil(total / 2),
    });
  });
});
