import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '@governor/config';
import { ensureBinary } from '@governor/testkit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { promtool } from './support/promtool.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Service {
  image?: string;
  build?: { target?: string; dockerfile?: string };
  healthcheck?: { test?: string[] };
  volumes?: string[];
  network_mode?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
}

/** The compose file as a real Compose implementation (docker-compose, from Debian) resolves it. */
function composeConfig(): { services: Record<string, Service> } {
  const bin = ensureBinary('docker-compose', 'docker-compose');
  const out = execFileSync(bin, ['-f', 'docker-compose.yml', 'config'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parse(out);
}

describe('docker-compose.yml', () => {
  const { services } = composeConfig();

  it('passes docker-compose config and runs the whole stack', () => {
    expect(Object.keys(services).sort()).toEqual([
      'alertmanager',
      'autoscaler-1',
      'autoscaler-2',
      'collector-1',
      'collector-2',
      'demo-1',
      'demo-2',
      'grafana',
      'prometheus',
      'redis',
    ]);
  });

  it('has a healthcheck on every service', () => {
    for (const [name, s] of Object.entries(services))
      expect(s.healthcheck?.test?.length, name).toBeGreaterThan(0);
  });

  it('runs collectors as sidecars of the demo instances and autoscalers in cluster mode on Redis', () => {
    expect(services['collector-1']?.network_mode).toBe('service:demo-1');
    expect(services['collector-2']?.network_mode).toBe('service:demo-2');
    for (const name of ['autoscaler-1', 'autoscaler-2', 'collector-1', 'collector-2']) {
      expect(services[name]?.environment?.REDIS_URL, name).toBe('redis://redis:6379');
      expect(services[name]?.depends_on?.redis?.condition, name).toBe('service_healthy');
    }
    expect(services['autoscaler-1']?.environment?.GOVERNOR_REPLICA_ID).not.toBe(
      services['autoscaler-2']?.environment?.GOVERNOR_REPLICA_ID,
    );
  });

  it('builds Governor images from deploy/Dockerfile targets', () => {
    for (const [name, target] of [
      ['demo-1', 'demo-app'],
      ['collector-1', 'collector'],
      ['autoscaler-1', 'autoscaler'],
    ] as const) {
      expect(services[name]?.build).toMatchObject({ dockerfile: 'deploy/Dockerfile', target });
    }
  });

  it('mounts the generated rules into Prometheus and the generated dashboards into Grafana', () => {
    expect(services.prometheus?.volumes).toContain(`${ROOT}alerts:/etc/prometheus/alerts:ro`);
    expect(services.grafana?.volumes).toContain(`${ROOT}dashboards:/var/lib/grafana/dashboards/governor:ro`);
    const provider = parse(
      readFileSync(`${ROOT}deploy/grafana/provisioning/dashboards/governor.yml`, 'utf8'),
    );
    expect(provider.providers[0].options.path).toBe('/var/lib/grafana/dashboards/governor');
    expect(services.alertmanager?.volumes).toContain(
      `${ROOT}examples/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro`,
    );
  });
});

describe('deploy configs', () => {
  it('deploy/prometheus/prometheus.yml passes promtool check config and loads the generated rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gov-prom-'));
    try {
      // Same file with the rule path pointed at the repository's alerts/ instead of the container mount.
      const text = readFileSync(`${ROOT}deploy/prometheus/prometheus.yml`, 'utf8');
      expect(text).toContain('/etc/prometheus/alerts/*.yml');
      writeFileSync(
        join(dir, 'prometheus.yml'),
        text.replace('/etc/prometheus/alerts/*.yml', `${ROOT}alerts/*.yml`),
      );
      const run = promtool(['check', 'config', join(dir, 'prometheus.yml')]);
      expect(run.ok, run.output).toBe(true);
      expect(run.output).toMatch(/SUCCESS: \d+ rules found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('deploy/governor/compose.yaml is a valid cluster-mode policy for the apps the alerts were generated for', () => {
    const compose = loadConfigFile(`${ROOT}deploy/governor/compose.yaml`, { checkEnv: false });
    const example = loadConfigFile(`${ROOT}examples/governor.yaml`, { checkEnv: false });
    expect(compose.ok, JSON.stringify(compose.ok ? [] : compose.issues)).toBe(true);
    if (!compose.ok || !example.ok) throw new Error('invalid config');
    expect(compose.config.daemon.mode).toBe('cluster');
    expect(compose.config.apps.map((a) => a.name)).toEqual(example.config.apps.map((a) => a.name));
  });
});
