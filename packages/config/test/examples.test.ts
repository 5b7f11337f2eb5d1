import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { envReferences, formatIssue, loadConfigFile } from '../src/index.js';

const example = (name: string) => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));

const flyEnv = {
  REDIS_URL: 'redis://127.0.0.1:6390',
  FLY_API_TOKEN: 'fly-token',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.test/x',
  PAGERDUTY_ROUTING_KEY: 'pd-key',
};

function load(name: string, env: Record<string, string>, checkEnv = true) {
  const result = loadConfigFile(example(name), { env, checkEnv });
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.config;
}

describe('examples/governor.yaml (the local demo fleet)', () => {
  it('is valid with no environment at all', () => {
    const config = load('governor.yaml', {});
    expect(config.daemon).toMatchObject({ mode: 'standalone', listen: '127.0.0.1:9470', tickInterval: 5000 });
    expect(config.daemon.redisUrl).toBeUndefined();
  });

  it('runs the demo app as local processes behind a proxy', () => {
    const provider = load('governor.yaml', {}).providers.local;
    expect(provider).toMatchObject({
      type: 'local',
      name: 'local',
      command: 'node',
      args: ['--import', 'tsx', 'examples/demo-app/src/main.ts'],
      portRange: [8100, 8199],
      healthPath: '/healthz',
      metricsPath: '/metrics',
      proxyListen: '127.0.0.1:8080',
    });
  });

  it('writes down only the SLO: the capacity model and the defaults do the rest', () => {
    const config = load('governor.yaml', {});
    const app = config.apps[0];
    expect(app).toMatchObject({ name: 'demo', provider: 'local', min: 1, max: 6, warmPool: 0 });
    expect(app?.targets).toEqual([
      { type: 'latency', quantile: 'p99', slo: 250, targetRatio: 0.8, scaling: 'capacity' },
    ]);
    expect(app?.capacity).toEqual({
      minWindows: 12,
      headroom: true,
      confidence: 2,
      fastStarts: true,
      scaleDownMemory: 600_000,
    });
    expect(app?.behavior.scaleDown.stabilizationWindow).toBe(300_000);
    expect(app?.predictive).toBeUndefined();
    expect(app?.alerts.slo).toBe(250);
    expect(app?.slo).toEqual({ ms: 250, quantile: 'p99' });
    expect(config.collector).toMatchObject({ scrapeInterval: 2_000, scrapeTimeout: 1_000, window: 5_000 });
  });

  it('links runbooks', () => {
    expect(load('governor.yaml', {}).alerting.runbookBaseUrl).toBe(
      'https://git.example.com/ops/governor/blob/main/docs/runbooks',
    );
  });
});

describe('examples/fly.yaml (a two-region Fly fleet)', () => {
  it('is valid once its required variables are set', () => {
    const config = load('fly.yaml', flyEnv);
    expect(config.daemon.mode).toBe('cluster');
    expect(config.daemon.redisUrl?.reveal()).toBe(flyEnv.REDIS_URL);
    const app = config.apps[0];
    expect(Object.keys(app?.regions ?? {})).toEqual(['ams', 'iad']);
    expect(app?.regions.iad).toEqual({ min: 1, max: 8, weight: 1 });
    expect(app?.schedules.map((s) => s.timezone)).toEqual(['Europe/Amsterdam', 'America/New_York']);
    expect(app?.steps).toHaveLength(2);
    expect(app?.burst).toEqual({ threshold: 2, window: 120_000 });
    expect(app?.fallback).toEqual({ machines: 6, afterFailures: 3 });
    expect(config.alerting.receivers.map((r) => r.type)).toEqual(['pagerduty', 'slack', 'webhook']);
  });

  it('names every unset required variable when the environment is empty', () => {
    const result = loadConfigFile(example('fly.yaml'), { env: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['GOV_CONFIG_ENV_UNSET', 'daemon.redisUrl'],
      ['GOV_CONFIG_ENV_UNSET', 'providers.fly.token'],
      ['GOV_CONFIG_ENV_UNSET', 'alerting.receivers[0].routingKey'],
      ['GOV_CONFIG_ENV_UNSET', 'alerting.receivers[1].url'],
    ]);
    const messages = result.issues.map((i) => i.message).join('\n');
    for (const name of ['REDIS_URL', 'FLY_API_TOKEN', 'PAGERDUTY_ROUTING_KEY', 'SLACK_WEBHOOK_URL']) {
      expect(messages).toContain(name);
    }
  });

  it('is valid without environment when env checks are off, and lists its references', () => {
    const config = load('fly.yaml', {}, false);
    expect(envReferences(config)).toEqual([
      { env: 'REDIS_URL', path: 'daemon.redisUrl', required: true, present: false },
      { env: 'GOVERNOR_API_TOKEN', path: 'daemon.apiToken', required: false, present: false },
      { env: 'FLY_API_TOKEN', path: 'providers.fly.token', required: true, present: false },
      {
        env: 'PAGERDUTY_ROUTING_KEY',
        path: 'alerting.receivers[0].routingKey',
        required: true,
        present: false,
      },
      { env: 'SLACK_WEBHOOK_URL', path: 'alerting.receivers[1].url', required: true, present: false },
      { env: 'ALERT_WEBHOOK_TOKEN', path: 'alerting.receivers[2].token', required: false, present: false },
    ]);
  });
});

describe('examples/prometheus.yaml (the demo fleet on a Prometheus source)', () => {
  it('is valid and reads the demo app from source prom with a query target', () => {
    const config = load('prometheus.yaml', {});
    expect(config.metricSources?.prom).toMatchObject({
      type: 'prometheus',
      url: 'http://127.0.0.1:9090',
      timeout: 2000,
      lookback: 20_000,
      preset: 'generic',
      headers: {},
      labels: { instance: 'instance' },
      metrics: { cpuCores: 1 },
    });
    const app = config.apps[0];
    expect(app?.metrics.source).toBe('prom');
    expect(app?.targets.map((t) => t.type)).toEqual(['latency', 'rps', 'query']);
  });
});

describe('examples/workers.yaml (a BullMQ worker fleet on its backlog)', () => {
  const env = { REDIS_URL: 'redis://127.0.0.1:6379', FLY_API_TOKEN: 'fly-token' };

  it('is valid once its variables are set: queue and list targets, scale to zero', () => {
    const config = load('workers.yaml', env);
    expect(config.metricSources?.jobs).toMatchObject({ type: 'redis', timeout: 2000 });
    const workers = config.apps.find((a) => a.name === 'workers');
    expect(workers?.metrics.source).toBe('jobs');
    expect(workers?.targets).toEqual([
      { type: 'queue', queue: 'emails', prefix: 'bull', includeActive: false, perMachine: 50 },
      { type: 'queue', list: 'legacy-imports', prefix: 'bull', includeActive: false, perMachine: 200 },
    ]);
    expect(workers?.scaleToZero).toMatchObject({ enabled: true, idleAfter: 300_000 });
    expect(config.apps.find((a) => a.name === 'api')?.metrics.source).toBeUndefined();
  });

  it('names the Redis URL when it is unset', () => {
    const result = loadConfigFile(example('workers.yaml'), { env: { FLY_API_TOKEN: 'x' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['GOV_CONFIG_ENV_UNSET', 'metricSources.jobs.url'],
    ]);
  });
});
