import type { AppConfig, PrometheusSourceConfig } from '@governor/config';
import { configFrom } from '@governor/config/testing';
import { describe, expect, it } from 'vitest';
import { appQueries } from '../../src/index.js';

function queries(sourceYaml: string) {
  const config = configFrom(`
version: 1
metricSources:
  prom: ${sourceYaml}
providers:
  local: { type: local, command: node, portRange: [8100, 8199] }
apps:
  - name: api
    provider: local
    min: 1
    max: 4
    metrics: { source: prom }
    targets: [{ type: cpu, utilization: 70% }]
`);
  return appQueries(config.metricSources?.prom as PrometheusSourceConfig, config.apps[0] as AppConfig);
}

describe('connections, network and disk queries', () => {
  it('fly preset: Fly instance counters, network without loopback, disk sectors as bytes, no connections by default', () => {
    const q = queries(
      '{ type: prometheus, preset: fly, url: "https://api.fly.io/prometheus/acme", lookback: 1m }',
    );
    expect({
      connections: q.connections,
      networkReceive: q.networkReceive?.expr,
      networkTransmit: q.networkTransmit?.expr,
      diskRead: q.diskRead?.expr,
      diskWritten: q.diskWritten?.expr,
    }).toEqual({
      connections: undefined,
      networkReceive:
        'sum by (instance, region) (rate(fly_instance_net_recv_bytes{app="api",device!="lo"}[60s]))',
      networkTransmit:
        'sum by (instance, region) (rate(fly_instance_net_sent_bytes{app="api",device!="lo"}[60s]))',
      diskRead: '512 * sum by (instance, region) (rate(fly_instance_disk_sectors_read{app="api"}[60s]))',
      diskWritten:
        '512 * sum by (instance, region) (rate(fly_instance_disk_sectors_written{app="api"}[60s]))',
    });
  });

  it('generic preset: nothing unless named; named series are read as a gauge and as counters', () => {
    expect(queries('{ type: prometheus, url: "http://127.0.0.1:9090" }')).not.toHaveProperty(
      'networkReceive',
    );
    const q = queries(`{ type: prometheus, url: "http://127.0.0.1:9090", lookback: 30s,
      metrics: { connections: app_open_connections, networkReceiveBytes: container_network_receive_bytes_total,
                 diskWrittenBytes: container_fs_writes_bytes_total } }`);
    expect(q.connections).toEqual({
      expr: 'sum by (instance) (app_open_connections{job="api"})',
      spread: 'share',
    });
    expect(q.networkReceive).toEqual({
      expr: 'sum by (instance) (rate(container_network_receive_bytes_total{job="api"}[30s]))',
      spread: 'share',
    });
    expect(q.diskWritten?.expr).toBe(
      'sum by (instance) (rate(container_fs_writes_bytes_total{job="api"}[30s]))',
    );
    expect(q.networkTransmit).toBeUndefined();
    expect(q.diskRead).toBeUndefined();
  });
});
