import type { AppConfig, GovernorConfig } from '@governor/config';
import { appFrom, fixtureConfig } from '@governor/config/testing';
import type { InstanceSnapshot } from '@governor/metrics';

/** Latency bucket bounds (seconds), like a typical `http_request_duration_seconds`. */
const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const TEMPLATE = appFrom({
  name: 'app',
  provider: 'fake',
  mode: 'shadow',
  min: 1,
  max: 1000,
  targets: [
    { type: 'cpu', utilization: '60%' },
    { type: 'rps', perMachine: 50 },
    { type: 'latency', quantile: 'p99', slo: '250ms' },
  ],
});

/** An app policy with cpu, rps and p99 latency targets, in shadow mode (decides, never acts). */
export function benchPolicy(name: string): AppConfig {
  const rules = { stabilizationWindow: 0, select: 'max' as const, policies: [], tolerance: 0.1 };
  return {
    ...TEMPLATE,
    name,
    behavior: { scaleUp: rules, scaleDown: { ...rules, stabilizationWindow: 300_000 } },
  };
}

/** A cluster-mode config around `apps` (provider `fake`; tick 5 s, so a tick times out after 5 s). */
export function benchConfig(apps: AppConfig[]): GovernorConfig {
  // The bench hands the Redis connection over itself, so cluster mode needs no redisUrl here.
  return fixtureConfig(apps, {
    daemon: { mode: 'cluster', tickInterval: 5000, historySize: 100 },
    collector: { staleAfter: 60_000 },
  });
}

/**
 * The scale-out phase's config: `shards` shards, a long tick interval (ticks
 * are driven by the bench) and snapshots fresh for 10 minutes, so seeding
 * 100,000 instances once is enough for the whole run.
 */
export function scaleConfig(apps: AppConfig[], shards: number): GovernorConfig {
  return fixtureConfig(apps, {
    daemon: { mode: 'cluster', tickInterval: 60_000, historySize: 20, shards },
    collector: { staleAfter: 600_000 },
  });
}

/** One collector window of one instance: cpu, memory, requests and a latency histogram. */
export function snapshot(app: string, instance: string, i: number, windowEnd: number): InstanceSnapshot {
  const rps = 30 + (i % 20);
  const count = rps * 15;
  const cumulative = BOUNDS.map((_, b) => Math.round(count * Math.min(1, (b + 1) / (BOUNDS.length - 2))));
  return {
    version: 1,
    app,
    instance,
    region: 'local',
    windowStart: windowEnd - 15_000,
    windowEnd,
    ready: true,
    cpu: { utilization: 0.4 + (i % 10) / 50, limitCores: 1 },
    memory: { utilization: 0.5, workingSetBytes: 128 << 20, limitBytes: 256 << 20 },
    requests: { rate: rps, errorRatio: 0.001, count },
    latency: { kind: 'buckets', bounds: BOUNDS, cumulative, count, sum: count * 0.04 },
    custom: {},
    scrape: { up: true, ok: 3, failed: 0 },
  };
}
