import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBinary } from '@governor/testkit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { promtool } from '../support/promtool.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DIR = `${ROOT}deploy/compose/`;

// biome-ignore lint/suspicious/noExplicitAny: compose output checked field by field
type Doc = any;

/** The file as docker-compose (Debian's) resolves it with an env file. */
function composeConfig(file: string, envFile: string): Doc {
  const bin = ensureBinary('docker-compose', 'docker-compose');
  const out = execFileSync(bin, ['-f', file, '--env-file', envFile, 'config'], {
    cwd: DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parse(out);
}

describe('deploy/compose: two hosts', () => {
  const infra = composeConfig('infra.yml', 'infra.env.example');
  const node = composeConfig('node.yml', 'node.env.example');

  it('infra.yml runs the state: Redis, Prometheus, Alertmanager, Grafana, each with a health check', () => {
    expect(Object.keys(infra.services).sort()).toEqual(['alertmanager', 'grafana', 'prometheus', 'redis']);
    for (const [name, s] of Object.entries(infra.services) as [string, Doc][])
      expect(s.healthcheck?.test?.length, name).toBeGreaterThan(0);
    expect(infra.services.redis.environment.REDIS_PASSWORD).toBe('change-me');
    expect(infra.services.redis.command.join(' ')).toContain('--requirepass');
    expect(infra.services.prometheus.volumes).toContain(`${ROOT}alerts:/etc/prometheus/alerts:ro`);
    expect(infra.services.grafana.volumes).toContain(
      `${ROOT}dashboards:/var/lib/grafana/dashboards/governor:ro`,
    );
  });

  it('node.yml runs the app, its collector sidecar and an autoscaler replica, pointed at the infra host', () => {
    expect(Object.keys(node.services).sort()).toEqual(['autoscaler', 'collector', 'demo']);
    for (const [name, s] of Object.entries(node.services) as [string, Doc][])
      expect(s.healthcheck?.test?.length, name).toBeGreaterThan(0);
    const env = parse(readFileSync(`${DIR}node.env.example`, 'utf8').replace(/=/g, ': '));
    const redis = `redis://:${env.REDIS_PASSWORD}@${env.INFRA_HOST}:6379`;
    for (const name of ['collector', 'autoscaler'])
      expect(node.services[name].environment.REDIS_URL).toBe(redis);
    expect(node.services.collector.network_mode).toBe('service:demo');
    expect(node.services.collector.command).toContain(env.NODE_NAME);
    expect(node.services.autoscaler.environment.GOVERNOR_REPLICA_ID).toBe(`autoscaler-${env.NODE_NAME}`);
    for (const [name, target] of [
      ['demo', 'demo-app'],
      ['collector', 'collector'],
      ['autoscaler', 'autoscaler'],
    ] as const) {
      expect(node.services[name].build).toMatchObject({
        context: ROOT.replace(/\/$/, ''),
        dockerfile: 'deploy/Dockerfile',
        target,
      });
    }
  });

  it('node.yml refuses to start without the infra host and the Redis password', () => {
    const bin = ensureBinary('docker-compose', 'docker-compose');
    const dir = mkdtempSync(join(tmpdir(), 'gov-compose-'));
    try {
      writeFileSync(join(dir, 'empty.env'), '');
      const run = spawnSync(bin, ['-f', 'node.yml', '--env-file', join(dir, 'empty.env'), 'config'], {
        cwd: DIR,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/set (REDIS_PASSWORD|INFRA_HOST|NODE_NAME) in node.env/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the state host's Prometheus config passes promtool and scrapes every app host listed in targets/", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gov-compose-prom-'));
    try {
      const text = readFileSync(`${DIR}prometheus.yml`, 'utf8')
        .replace('/etc/prometheus/alerts/*.yml', `${ROOT}alerts/*.yml`)
        .replaceAll('/etc/prometheus/targets/', `${DIR}targets/`);
      writeFileSync(join(dir, 'prometheus.yml'), text);
      const run = promtool(['check', 'config', join(dir, 'prometheus.yml')]);
      expect(run.ok, run.output).toBe(true);
      const jobs = parse(text).scrape_configs.map((j: Doc) => j.job_name);
      expect(jobs).toEqual(['governor-autoscaler', 'governor-collector', 'prometheus']);
      const autoscalers = JSON.parse(readFileSync(`${DIR}targets/autoscalers.json`, 'utf8'))[0].targets;
      const collectors = JSON.parse(readFileSync(`${DIR}targets/collectors.json`, 'utf8'))[0].targets;
      expect(autoscalers.every((t: string) => t.endsWith(':9470'))).toBe(true);
      expect(collectors.every((t: string) => t.endsWith(':9471'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
