import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Autoscaler, buildApi } from '@governor/autoscaler';
import { MemoryBus } from '@governor/bus';
import { loadConfigFile } from '@governor/config';
import { FakeProvider } from '@governor/provider-emulators/fake';
import {
  freePort,
  startPrometheus,
  startRedis,
  type TestPrometheus,
  type TestRedis,
} from '@governor/testkit';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEval } from '../src/eval/run-eval.js';
import { demoAppOnProm } from './sources/demo-app-config.js';
import { type DemoFleet, startDemoFleet } from './sources/demo-fleet.js';

const dir = mkdtempSync(join(tmpdir(), 'governor-eval-'));
let fleet: DemoFleet;
let prometheus: TestPrometheus;
let redis: TestRedis;

beforeAll(async () => {
  [fleet, redis] = await Promise.all([startDemoFleet(2), startRedis()]);
  prometheus = await startPrometheus({ jobs: { demo: fleet.machines.map((m) => m.address as string) } });
  process.env.GOV_EVAL_TEST_REDIS_URL = redis.url;
}, 120_000);
afterAll(async () => {
  delete process.env.GOV_EVAL_TEST_REDIS_URL;
  await prometheus?.stop();
  await fleet?.stop();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function configFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function evalCli(options: Parameters<typeof runEval>[0]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (b: Buffer) => (stdout += b.toString()));
  err.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await runEval(options, { out, err });
  return { code, stdout, stderr };
}

const prometheusConfig = (url: string) => `version: 1
metricSources:
  prom:
    type: prometheus
    url: ${url}
    lookback: 10s
    timeout: 1s
${demoAppOnProm([`{ type: query, name: up, query: 'sum(up{job="demo"})', perMachine: 0.5 }`])}`;

describe('governor eval', () => {
  it('prometheus: reads the query once and prints the decision for --current N', async () => {
    const file = configFile('prom.yaml', prometheusConfig(prometheus.url));
    let r = await evalCli({ config: file, current: 1, json: false });
    for (let i = 0; i < 50 && !r.stdout.includes('query:up 2 '); i++) {
      await new Promise((res) => setTimeout(res, 200)); // first scrapes
      r = await evalCli({ config: file, current: 1, json: false });
    }
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'metrics from prometheus source "prom"; 1 running machines (given with --current)',
    );
    expect(r.stdout).toContain('query:up 2 vs 0.5 per machine -> ratio 4 -> ceil(2 / 0.5) = 4');
    expect(r.stdout).toContain('decision: 1 -> 4 machines (scale_up)');
    expect(r.stdout).toContain('nothing was changed');
    const json = await evalCli({ config: file, current: 3, json: true });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      app: 'demo',
      current: 3,
      desired: 4,
      outcome: 'scale_up',
    });
  }, 30_000);

  it('prometheus unreachable: exit 1 with a clear message', async () => {
    const file = configFile('prom-down.yaml', prometheusConfig(`http://127.0.0.1:${await freePort()}`));
    const r = await evalCli({ config: file, current: 2, json: false });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /cannot read the metrics of app "demo" from prometheus source "prom": GOV_SOURCE_UNREACHABLE: cannot reach http:\/\/127\.0\.0\.1:\d+/,
    );
  });

  const redisConfig = (queue: string, env: string) => `version: 1
metricSources:
  jobs:
    type: redis
    url: \${${env}}
    timeout: 1s
providers:
  local: { type: local, command: node, portRange: [8100, 8199] }
apps:
  - name: workers
    provider: local
    min: 0
    max: 10
    metrics: { source: jobs }
    targets:
      - { type: queue, queue: ${queue}, perMachine: 10 }
`;

  it('redis: a BullMQ backlog of 25 jobs proposes ceil(25 / 10) = 3', async () => {
    const q = new Queue('eval-emails', { connection: { url: redis.url } });
    try {
      await q.addBulk(Array.from({ length: 25 }, (_, i) => ({ name: 'send', data: { i } })));
      const file = configFile('redis.yaml', redisConfig('eval-emails', 'GOV_EVAL_TEST_REDIS_URL'));
      const r = await evalCli({ config: file, current: 1, json: true });
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({ app: 'workers', current: 1, desired: 3 });
      expect(report.decision.proposals[0].formula).toContain('queue:eval-emails 25 vs 10 per machine');
    } finally {
      await q.obliterate({ force: true });
      await q.close();
    }
  });

  it('redis unreachable: exit 1 with a clear message', async () => {
    process.env.GOV_EVAL_TEST_DEAD_REDIS = `redis://127.0.0.1:${await freePort()}`;
    try {
      const file = configFile('redis-down.yaml', redisConfig('x', 'GOV_EVAL_TEST_DEAD_REDIS'));
      const r = await evalCli({ config: file, current: 1, json: false });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'cannot read the metrics of app "workers" from redis source "jobs": GOV_SOURCE_UNREACHABLE',
      );
    } finally {
      delete process.env.GOV_EVAL_TEST_DEAD_REDIS;
    }
  });

  it("sidecar: reads a running daemon's machines and snapshots through its API", async () => {
    const port = await freePort();
    const file = configFile(
      'sidecar.yaml',
      `version: 1
daemon: { listen: 127.0.0.1:${port}, tickInterval: 1h }
providers:
  fake: { type: local, command: "true", portRange: [9000, 9010], region: local }
apps:
  - name: web
    provider: fake
    min: 2
    max: 10
    targets:
      - { type: cpu, utilization: 50% }
`,
    );
    const loaded = loadConfigFile(file);
    if (!loaded.ok) throw new Error('fixture config is invalid');
    const bus = new MemoryBus();
    const provider = new FakeProvider();
    const a = new Autoscaler({
      config: loaded.config,
      configHash: 'abc123abc123abc1',
      providers: { fake: provider },
      bus,
    });
    const api = await buildApi({ autoscaler: a });
    await api.listen({ host: '127.0.0.1', port });
    try {
      await a.tickOnce(); // starts the 2 minimum machines
      await a.queue.idle();
      await a.tickOnce(); // the daemon now lists them
      const now = Date.now();
      for (const m of provider.listSync('web')) {
        await bus.publish({
          version: 1,
          app: 'web',
          instance: m.id,
          region: 'local',
          windowStart: now - 1000,
          windowEnd: now,
          ready: true,
          cpu: { utilization: 0.9, limitCores: 1 },
          custom: {},
          scrape: { up: true, ok: 1, failed: 0 },
        });
      }
      expect((api.server.address() as AddressInfo).port).toBe(port);
      const r = await evalCli({ config: file, json: false });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(
        'metrics from the sidecar source; 2 running machines (from the running daemon)',
      );
      expect(r.stdout).toContain('cpu 90% vs target 50% -> ratio 1.8 -> ceil(1.8 x 2) = 4');
      expect(r.stdout).toContain('decision: 2 -> 4 machines (scale_up)');
      // Nothing changed: the daemon still runs 2 machines.
      expect(provider.listSync('web').filter((m) => m.state === 'started')).toHaveLength(2);
    } finally {
      await api.close();
      await a.stop();
    }
  });

  it('sidecar without a daemon: exit 1 naming the address and how to start one', async () => {
    const port = await freePort();
    const file = configFile(
      'sidecar-down.yaml',
      `version: 1
daemon: { listen: 127.0.0.1:${port} }
providers:
  fake: { type: local, command: "true", portRange: [9000, 9010] }
apps:
  - { name: web, provider: fake, min: 1, max: 3, targets: [{ type: cpu, utilization: 50% }] }
`,
    );
    const r = await evalCli({ config: file, json: false });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no daemon answers at http://127.0.0.1:${port}`);
    expect(r.stderr).toContain('governor up --config FILE');
  });
});
