import { defaultCollectorConfig, type GovernorConfig } from '@governor/config';
import { isGovernorError } from '@governor/errors';
import { partialFixture } from '@governor/testkit';
import { describe, expect, it } from 'vitest';
import { readCollectorEnv } from '../src/env.js';
import { parseCollectorFlags, UsageError } from '../src/flags.js';
import { parseHostStats, parseListen, resolveSidecarOptions } from '../src/resolve-options.js';

const env = (vars: Record<string, string>) => readCollectorEnv({ ...vars });

function policy(): GovernorConfig {
  // Only the fields the collector reads; the rest of a validated config does not matter here.
  return partialFixture<GovernorConfig>({
    version: 1,
    daemon: { mode: 'standalone', logLevel: 'warn' },
    collector: { ...defaultCollectorConfig(), window: 10_000 },
    providers: { flyprod: { type: 'fly', name: 'flyprod', app: 'web-prod' } },
    apps: [
      {
        name: 'web',
        provider: 'flyprod',
        metrics: { custom: ['queue_depth'], latencyHistogram: 'latency_seconds' },
        scrape: { targets: ['http://127.0.0.1:9100/metrics'] },
      },
    ],
  });
}

describe('collector options', () => {
  it('takes identity from the Fly environment, mapping the Fly app to the policy app, with the .vm.<app>.internal address', () => {
    const o = resolveSidecarOptions(
      parseCollectorFlags([]),
      env({
        FLY_APP_NAME: 'web-prod',
        FLY_REGION: 'ams',
        FLY_MACHINE_ID: '148e2',
        FLY_PRIVATE_IP: 'fdaa:0:1::2',
        GOVERNOR_TARGETS: 'http://127.0.0.1:3000/metrics',
      }),
      policy(),
    );
    expect(o.identity).toEqual({
      app: 'web',
      instance: '148e2',
      region: 'ams',
      address: '148e2.vm.web-prod.internal:3000',
    });
    expect(o.targets).toEqual(['http://127.0.0.1:3000/metrics', 'http://127.0.0.1:9100/metrics']);
    expect(o.app.metrics?.latencyHistogram).toBe('latency_seconds');
    expect(o.settings.window).toBe(10_000);
    expect(o.logLevel).toBe('warn');
    expect(o.redisUrl).toBeUndefined();
  });

  it('lets flags win over the environment', () => {
    const flags = parseCollectorFlags([
      '--app',
      'api',
      '--instance',
      'i-7',
      '--region',
      'fra',
      '--target',
      'http://a:1/metrics',
      '--target',
      'http://b:2/metrics',
      '--redis-url',
      'redis://r:6379',
      '--listen',
      '[::]:9999',
      '--host-stats',
      'process:42',
    ]);
    const o = resolveSidecarOptions(flags, env({ FLY_APP_NAME: 'x', REDIS_URL: 'redis://other' }), undefined);
    expect(o.identity).toEqual({ app: 'api', instance: 'i-7', region: 'fra' });
    expect(o.targets).toEqual(['http://a:1/metrics', 'http://b:2/metrics']);
    expect(o.redisUrl).toBe('redis://r:6379');
    expect(o.listen).toEqual({ host: '::', port: 9999 });
    expect(o.hostStats).toEqual({ kind: 'process', pid: 42 });
    expect(o.settings).toEqual(defaultCollectorConfig());
  });

  it('defaults to the host name, region local and the app on 127.0.0.1:8080', () => {
    const o = resolveSidecarOptions(parseCollectorFlags(['--app', 'web']), env({}), undefined);
    expect(o.identity.instance).toBe(readCollectorEnv({}).hostname);
    expect(o.identity.region).toBe('local');
    expect(o.targets).toEqual(['http://127.0.0.1:8080/metrics']);
    expect(o.listen).toEqual({ host: '0.0.0.0', port: 9471 });
    expect(o.hostStats).toEqual({ kind: 'auto' });
  });

  it('refuses an app the policy does not know, and a missing app name', () => {
    const a = (() => {
      try {
        return resolveSidecarOptions(parseCollectorFlags(['--app', 'nope']), env({}), policy());
      } catch (e) {
        return e;
      }
    })();
    expect(isGovernorError(a, 'GOV_COLLECTOR_IDENTITY')).toBe(true);
    expect((a as Error).message).toContain('apps: web');
    expect(() => resolveSidecarOptions(parseCollectorFlags([]), env({}), undefined)).toThrow(/no app name/);
  });

  it('refuses malformed targets, listen addresses and host stats sources', () => {
    expect(() =>
      resolveSidecarOptions(parseCollectorFlags(['--app', 'a', '--target', 'ftp://x']), env({}), undefined),
    ).toThrow(/must be http/);
    expect(() => parseListen('nope')).toThrow(/host:port/);
    expect(() => parseListen('1.2.3.4:70000')).toThrow(/host:port/);
    expect(() => parseHostStats('process:abc')).toThrow(/--host-stats/);
    expect(parseHostStats('cgroup:/sys/fs/cgroup/app')).toEqual({
      kind: 'cgroup',
      root: '/sys/fs/cgroup/app',
    });
  });

  it('treats unknown flags and positionals as usage errors', () => {
    expect(() => parseCollectorFlags(['--bogus'])).toThrow(UsageError);
    expect(() => parseCollectorFlags(['stray'])).toThrow(UsageError);
  });
});
