/**
 * bench:cluster-publish — simulated collectors publish one snapshot per instance for
 * 10,000 instances across 100 apps into a private Redis (testkit
 * startRedis()), while the leader (real cluster wiring: lease, Redis bus,
 * fenced history save per app, BullMQ queue) decides every app each tick.
 *
 * The collectors run in a child process (collectors.ts), like real sidecars
 * outside the leader. Baseline (same run): the collectors publishing one
 * snapshot per round trip (each awaits its publish before the next).
 * Measured: many publishes in flight on a few connections (ioredis pipelines
 * them).
 * Prints snapshots/s for both and the ratio, the leader's tick latency at
 * 10,000 instances (idle and under publish load), then
 * `cluster-snapshots-per-s: N` as the last line.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Autoscaler, SelfMetrics, startCluster } from '@governor/autoscaler';
import { createRedisConnection, RedisBus } from '@governor/bus';
import { FakeProvider } from '@governor/provider-emulators/fake';
import { startRedis } from '@governor/testkit';
import { benchConfig, benchPolicy, snapshot } from './fleet-config.js';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 10_000);
const APPS = Number(process.env.BENCH_APPS ?? 100);
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 8000);
const CONNECTIONS = 4;
const IN_FLIGHT = 64;

const redis = await startRedis();
const conns: ReturnType<typeof createRedisConnection>[] = [];
const children: ChildProcess[] = [];
try {
  const per = Math.ceil(INSTANCES / APPS);
  const apps = Array.from({ length: APPS }, (_, a) => `app-${a}`);
  const instances = Array.from({ length: INSTANCES }, (_, i) => ({
    app: apps[i % APPS] as string,
    id: `i-${i}`,
    i,
  }));
  const provider = new FakeProvider({
    machines: instances.map((x) => ({ app: x.app, id: x.id, region: 'local', state: 'started' as const })),
  });
  const child = fork(fileURLToPath(new URL('./collectors.ts', import.meta.url)), [], {
    execArgv: process.execArgv,
    stdio: 'inherit',
  });
  children.push(child);
  /** Runs the collectors in the child for `ms` with `inFlight` publishes outstanding; snapshots/s. */
  const collectors = (ms: number, inFlight: number, bus: 'redis' | 'memory' = 'redis') =>
    new Promise<number>((resolve) => {
      child.once('message', (r: { published: number; ms: number }) => resolve(r.published / (r.ms / 1000)));
      child.send({
        url: redis.url,
        apps: APPS,
        instances: INSTANCES,
        untilMs: Date.now() + ms,
        inFlight,
        connections: CONNECTIONS,
        bus,
      });
    });

  // Seed every instance once so the leader sees the whole fleet from the first tick.
  const seedConn = createRedisConnection(redis.url, { name: 'bench-seed', commandTimeoutMs: 30_000 });
  conns.push(seedConn);
  const seedBus = new RedisBus({ redis: seedConn });
  for (let i = 0; i < instances.length; i += 500) {
    await Promise.all(
      instances.slice(i, i + 500).map((x) => seedBus.publish(snapshot(x.app, x.id, x.i, Date.now()))),
    );
  }

  const metrics = new SelfMetrics();
  const cluster = startCluster({
    redisUrl: redis.url,
    replicaId: 'bench-leader',
    leaseTtlMs: 10_000,
    shards: 64,
    apps: () => autoscaler.apps(),
    provider: () => provider,
    metrics,
  });
  const autoscaler = new Autoscaler({
    config: benchConfig(apps.map(benchPolicy)),
    configHash: 'bench0bench0bench0',
    providers: { fake: provider },
    metrics,
    ...cluster.autoscalerOptions,
  });
  cluster.start(); // lease renewals keep it the leader for the whole run
  for (let i = 0; i < 100 && !cluster.shards.leadingAny; i++) await new Promise((r) => setTimeout(r, 50));
  if (!cluster.shards.leadingAny) throw new Error('the bench replica did not become leader');

  const ticks = async (until: number): Promise<number[]> => {
    const out: number[] = [];
    while (Date.now() < until) {
      const t0 = performance.now();
      await autoscaler.tickOnce();
      out.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
    return out;
  };
  const q = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN;

  await autoscaler.tickOnce(); // warm-up (JIT, connections)
  const decided = autoscaler.decisions.list({ limit: 100_000 }).filter((r) => r.decision).length;
  const idleTicks = await ticks(Date.now() + Math.min(PHASE_MS, 4000));

  const memoryRate = await collectors(Math.min(PHASE_MS, 3000), IN_FLIGHT, 'memory');
  const t1 = Date.now();
  const [seqRate, seqTicks] = await Promise.all([collectors(PHASE_MS, 1), ticks(t1 + PHASE_MS)]);
  const t2 = Date.now();
  const [pipedRate, loadTicks] = await Promise.all([collectors(PHASE_MS, IN_FLIGHT), ticks(t2 + PHASE_MS)]);

  const records = autoscaler.decisions.list({ limit: 1_000_000 });
  const errors = records.filter((r) => r.error);
  const codes = [...new Set(errors.map((r) => r.error?.code))].join(', ');
  await autoscaler.stop();
  await cluster.close();

  const ms = (x: number) => x.toFixed(1);
  console.log(
    `instances=${INSTANCES} apps=${APPS} (${per} instances each) phase=${PHASE_MS} ms, redis-server private`,
  );
  console.log(
    `warm-up tick decided ${decided} of ${APPS} apps; over the run ${records.length} decision records, ${errors.length} with an error${codes ? ` (${codes})` : ''}`,
  );
  console.log(
    `leader tick, idle bus:        p50 ${ms(q(idleTicks, 0.5))} ms, p95 ${ms(q(idleTicks, 0.95))} ms, max ${ms(Math.max(...idleTicks))} ms over ${idleTicks.length} ticks`,
  );
  console.log(
    `leader tick, baseline publishing: p50 ${ms(q(seqTicks, 0.5))} ms, p95 ${ms(q(seqTicks, 0.95))} ms, max ${ms(Math.max(...seqTicks))} ms over ${seqTicks.length} ticks`,
  );
  console.log(
    `leader tick, under publishing: p50 ${ms(q(loadTicks, 0.5))} ms, p95 ${ms(q(loadTicks, 0.95))} ms, max ${ms(Math.max(...loadTicks))} ms over ${loadTicks.length} ticks`,
  );
  console.log(`one publish per round trip (baseline): ${Math.round(seqRate)} snapshots/s`);
  console.log(
    `${IN_FLIGHT} in flight over ${CONNECTIONS} connections:  ${Math.round(pipedRate)} snapshots/s`,
  );
  console.log(
    `in-memory bus, same collector code (client-side cost alone, reference): ${Math.round(memoryRate)} snapshots/s`,
  );
  console.log(`pipelined / one-per-round-trip: ${(pipedRate / seqRate).toFixed(2)}x`);
  console.log(`cluster-snapshots-per-s: ${Math.round(pipedRate)}`);
} finally {
  for (const c of children) c.kill();
  for (const c of conns) c.disconnect();
  await redis.stop();
}
