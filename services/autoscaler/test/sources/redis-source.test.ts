import { randomUUID } from 'node:crypto';
import { MemoryBus } from '@governor/bus';
import type { AppConfig, GovernorConfig, RedisSourceConfig } from '@governor/config';
import { configFrom } from '@governor/config/testing';
import { FakeProvider } from '@governor/provider-emulators/fake';
import type { Machine } from '@governor/providers';
import { decide, emptyHistory } from '@governor/scaler';
import { startRedis, type TestRedis } from '@governor/testkit';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Autoscaler } from '../../src/autoscaler.js';
import { RedisSource } from '../../src/sources/redis-source.js';
import { secret } from '../fixtures/test-config.js';

let redis: TestRedis;
let client: Redis;
const queues: Queue[] = [];
const sources: RedisSource[] = [];

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url, { maxRetriesPerRequest: null });
}, 60_000);
afterAll(async () => {
  await Promise.all(queues.map((q) => q.close()));
  await Promise.all(sources.map((s) => s.close()));
  client.disconnect();
  await redis?.stop();
});

/** A config with one worker app reading redis source `jobs`, built by the real loader. */
function workersConfig(queueName: string, scaleToZero: boolean): GovernorConfig {
  const base = configFrom(`
version: 1
daemon: { listen: 127.0.0.1:0, tickInterval: 50ms }
metricSources:
  jobs: { type: redis, url: "\${GOV_TEST_REDIS_URL}", timeout: 1s }
providers:
  fake: { type: local, command: "true", portRange: [9000, 9010], region: local }
apps:
  - name: workers
    provider: fake
    min: ${scaleToZero ? 0 : 1}
    max: 10
    metrics: { source: jobs }
    targets:
      - { type: queue, queue: ${queueName}, perMachine: 10 }
${scaleToZero ? '    scaleToZero: { idleAfter: 30s }' : ''}
`);
  const jobs = base.metricSources?.jobs as RedisSourceConfig;
  return { ...base, metricSources: { jobs: { ...jobs, url: secret('GOV_TEST_REDIS_URL', redis.url) } } };
}

function newQueue(): Queue {
  const q = new Queue(`emails-${randomUUID().slice(0, 8)}`, { connection: { url: redis.url } });
  queues.push(q);
  return q;
}

function source(config: GovernorConfig): RedisSource {
  const s = new RedisSource(config.metricSources?.jobs as RedisSourceConfig);
  sources.push(s);
  return s;
}

const machines = (n: number): Machine[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    app: 'workers',
    region: 'local',
    state: 'started',
    createdAt: 0,
    health: 'healthy',
  }));

describe('RedisSource with real BullMQ queues', () => {
  it.each([
    [0, 1],
    [7, 1],
    [35, 4],
    [100, 6], // proposes 10; the default rate policy allows +4 per 15 s from 2
  ])('a backlog of %i jobs (waiting + delayed) proposes ceil(N / 10) = %i machines', async (n, want) => {
    const q = newQueue();
    const config = workersConfig(q.name, false);
    const app = config.apps[0] as AppConfig;
    const delayed = Math.floor(n / 3);
    await q.addBulk(Array.from({ length: n - delayed }, (_, i) => ({ name: 'send', data: { i } })));
    await q.addBulk(
      Array.from({ length: delayed }, (_, i) => ({ name: 'later', data: { i }, opts: { delay: 60_000 } })),
    );
    const obs = await source(config).observe({
      app,
      machines: machines(2),
      now: Date.now(),
      signal: new AbortController().signal,
    });
    expect(obs.external).toEqual({ [`queue:${q.name}`]: n });
    const d = decide(app, obs, emptyHistory(), Date.now());
    const proposal = d.proposals.find((p) => p.metric === `queue:${q.name}`);
    expect(proposal?.proposed, proposal?.formula).toBe(Math.ceil(n / 10));
    expect(d.desired, d.explanation).toBe(want);
  });

  it('counts prioritized jobs as waiting, and active ones only with includeActive', async () => {
    const q = newQueue();
    await q.add('urgent', {}, { priority: 1 });
    await q.add('plain', {});
    const config = workersConfig(q.name, false);
    const app = config.apps[0] as AppConfig;
    const read = async (a: AppConfig) =>
      (await source(config).observe({ app: a, machines: [], now: 0, signal: new AbortController().signal }))
        .external;
    expect(await read(app)).toEqual({ [`queue:${q.name}`]: 2 });
    // Move one job to active, as a worker taking it would.
    await client.lmove(`bull:${q.name}:wait`, `bull:${q.name}:active`, 'RIGHT', 'LEFT');
    expect(await read(app)).toEqual({ [`queue:${q.name}`]: 1 });
    const withActive = {
      ...app,
      targets: [{ type: 'queue', queue: q.name, prefix: 'bull', includeActive: true, perMachine: 10 }],
    } as AppConfig;
    expect(await read(withActive)).toEqual({ [`queue:${q.name}`]: 2 });
  });

  it('reads a plain list length', async () => {
    const key = `incoming-${randomUUID().slice(0, 8)}`;
    await client.rpush(key, 'a', 'b', 'c');
    const config = workersConfig('unused', false);
    const app = {
      ...config.apps[0],
      targets: [{ type: 'queue', list: key, prefix: 'bull', includeActive: false, perMachine: 2 }],
    } as AppConfig;
    const obs = await source(config).observe({
      app,
      machines: [],
      now: 0,
      signal: new AbortController().signal,
    });
    expect(obs.external).toEqual({ [`list:${key}`]: 3 });
  });

  it('an unreachable Redis rejects with GOV_SOURCE_UNREACHABLE within the timeout', async () => {
    const config = workersConfig('x', false);
    const jobs = config.metricSources?.jobs as RedisSourceConfig;
    const s = new RedisSource({ ...jobs, url: secret('X', 'redis://127.0.0.1:1'), timeout: 300 });
    sources.push(s);
    const app = config.apps[0] as AppConfig;
    await expect(
      s.observe({ app, machines: [], now: 0, signal: new AbortController().signal }),
    ).rejects.toMatchObject({ code: 'GOV_SOURCE_UNREACHABLE' });
  });
});

describe('a worker fleet on a BullMQ backlog, scaled to zero by the daemon', () => {
  it('goes to zero after idleAfter with an empty queue and wakes on the next job', async () => {
    const q = newQueue();
    const config = workersConfig(q.name, true);
    const provider = new FakeProvider();
    let clock = Date.now();
    const a = new Autoscaler({
      config,
      configHash: 'abc123abc123abc1',
      providers: { fake: provider },
      bus: new MemoryBus(),
      now: () => clock,
    });
    const started = () => provider.listSync('workers').filter((m) => m.state === 'started').length;
    const tick = async (advanceMs: number) => {
      clock += advanceMs;
      await a.tickOnce();
      await a.queue.idle();
    };
    try {
      await q.addBulk(Array.from({ length: 25 }, (_, i) => ({ name: 'send', data: { i } })));
      await tick(0);
      expect(started(), a.decisions.list({ app: 'workers' })[0]?.explanation).toBe(3);

      await q.drain(true);
      await tick(5_000);
      // Empty: the queue target may shrink the fleet, but zero waits until idle for 30 s.
      expect(started()).toBeGreaterThan(0);
      await tick(30_000);
      const last = a.decisions.list({ app: 'workers', limit: 1 })[0];
      expect(started(), last?.explanation).toBe(0);
      await tick(5_000);
      expect(started()).toBe(0);

      await q.add('send', { late: true });
      await tick(5_000);
      const woke = a.decisions.list({ app: 'workers', limit: 1 })[0];
      expect(started(), woke?.explanation).toBe(1);
    } finally {
      await a.stop();
    }
  }, 30_000);
});
