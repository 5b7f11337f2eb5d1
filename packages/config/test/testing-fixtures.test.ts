import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/index.js';
import { appFrom, configFrom, fixtureConfig } from '../src/testing/index.js';

describe('@governor/config/testing', () => {
  it('builds an app with the loader defaults from file fields', () => {
    const app = appFrom({ name: 'web', min: 1, max: 20, targets: [{ type: 'cpu', utilization: '50%' }] });
    expect(app).toMatchObject({
      name: 'web',
      provider: 'local',
      mode: 'active',
      min: 1,
      max: 20,
      warmPool: 0,
    });
    expect(app.targets).toEqual([{ type: 'cpu', utilization: 0.5 }]);
    expect(app.behavior.scaleDown).toMatchObject({ stabilizationWindow: 300_000, tolerance: 0.1 });
    expect(app.behavior.scaleUp.policies).toEqual([
      { type: 'percent', value: 1, period: 15_000 },
      { type: 'machines', value: 4, period: 15_000 },
    ]);
  });

  it('names the provider after the app field, and typed fields replace loaded ones', () => {
    const rules = { stabilizationWindow: 0, select: 'max' as const, policies: [], tolerance: 0 };
    const app = appFrom(
      { name: 'api', provider: 'fake', min: 1, max: 5, targets: [{ type: 'rps', perMachine: 10 }] },
      { behavior: { scaleUp: rules, scaleDown: rules } },
    );
    expect(app.provider).toBe('fake');
    expect(app.behavior.scaleUp.policies).toEqual([]);
  });

  it('returns a mutable copy', () => {
    const fields = { name: 'web', min: 1, max: 3, targets: [{ type: 'cpu', utilization: '70%' }] };
    const a = appFrom(fields);
    expect(Object.isFrozen(a.targets)).toBe(false);
    (a.targets as unknown[]).length = 0;
    expect(appFrom(fields).targets).toHaveLength(1);
  });

  it('throws every issue of invalid fields, with their paths', () => {
    let error: unknown;
    try {
      appFrom({ name: 'web', min: 1, max: 3, targets: [{ type: 'cpu', utilisation: '70%' }] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path)).toContain('apps[0].targets[0].utilisation');
  });

  it('parses a whole config from YAML text without the secrets it references', () => {
    const config = configFrom(
      'version: 1\ndaemon: { mode: cluster, redisUrl: "${REDIS_URL}" }\nproviders: { p: { type: local, command: "true", portRange: [1, 2] } }\napps: [{ name: a, provider: p, min: 1, max: 2, targets: [{ type: cpu, utilization: 60% }] }]\n',
    );
    expect(config.daemon.redisUrl?.present).toBe(false);
    expect(config.apps[0]?.targets).toEqual([{ type: 'cpu', utilization: 0.6 }]);
  });

  it('builds a whole daemon config around apps, with typed overrides', () => {
    const app = appFrom({
      name: 'web',
      provider: 'fake',
      min: 1,
      max: 3,
      targets: [{ type: 'cpu', utilization: '70%' }],
    });
    const config = fixtureConfig([app], { daemon: { mode: 'cluster', tickInterval: 5000 } });
    expect(config.apps).toEqual([app]);
    expect(config.daemon).toMatchObject({
      mode: 'cluster',
      listen: '127.0.0.1:0',
      tickInterval: 5000,
      historySize: 50,
    });
    expect(config.collector).toMatchObject({ window: 1000, scrapeInterval: 1000, staleAfter: 3000 });
    expect(config.providers.fake).toMatchObject({ type: 'local', command: 'true', region: 'local' });
    expect(fixtureConfig([]).daemon.mode).toBe('standalone');
  });
});
