/**
 * bench:cluster — scale-out: 100,000 instances across 10,000 apps (10 each)
 * in a private Redis, decided by 1, 2 and 4 autoscaler replicas (child
 * processes with the real cluster wiring, 64 shards). Once the shards are
 * shared evenly, every replica runs the same number of ticks at the same
 * time; each reports its process CPU time (user + system) per tick and the
 * apps it decided. Baseline (same run): one replica deciding everything.
 * Prints, per replica count, each replica's apps and CPU ms per tick, the
 * balance (apps and CPU share against an even split), and the CPU of all
 * replicas together for one tick per 1,000 instances; the last line is
 * `cluster-cpu-ms-per-1k-instances: N` for the largest replica count.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRedisConnection, RedisBus } from '@governor/bus';
import { startRedis } from '@governor/testkit';
import { snapshot } from './fleet-config.js';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 100_000);
const APPS = Number(process.env.BENCH_APPS ?? 10_000);
const SHARDS = Number(process.env.BENCH_SHARDS ?? 64);
const TICKS = Number(process.env.BENCH_TICKS ?? 4);
const REPLICAS = (process.env.BENCH_REPLICAS ?? '1,2,4').split(',').map(Number);
const PER = Math.ceil(INSTANCES / APPS);

interface TickReport {
  readonly cpuMs: number[];
  readonly wallMs: number[];
  readonly decided: number;
  readonly errors: string[];
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const f1 = (x: number) => x.toFixed(1);

const redis = await startRedis();
const children: ChildProcess[] = [];
try {
  // Seed every instance once; the scale config keeps snapshots fresh for 10 minutes.
  const seedConn = createRedisConnection(redis.url, { name: 'bench-seed', commandTimeoutMs: 60_000 });
  const seedBus = new RedisBus({ redis: seedConn });
  const at = Date.now();
  for (let i = 0; i < APPS * PER; i += 2000) {
    const batch: Promise<void>[] = [];
    for (let k = i; k < Math.min(i + 2000, APPS * PER); k++) {
      batch.push(seedBus.publish(snapshot(`app-${Math.floor(k / PER)}`, `i-${k}`, k, at)));
    }
    await Promise.all(batch);
  }
  seedConn.disconnect();
  console.log(
    `instances=${APPS * PER} apps=${APPS} (${PER} each) shards=${SHARDS} ticks measured=${TICKS} per replica count, redis-server private`,
  );

  const results: { replicas: number; perOneK: number }[] = [];
  for (const r of REPLICAS) {
    const procs = Array.from({ length: r }, (_, i) =>
      fork(
        fileURLToPath(new URL('./scale-replica.ts', import.meta.url)),
        [redis.url, `bench-${i + 1}`, String(APPS), String(PER), String(SHARDS)],
        { execArgv: process.execArgv, stdio: 'inherit' },
      ),
    );
    children.push(...procs);
    const ask = <T>(p: ChildProcess, msg: unknown) =>
      new Promise<T>((resolve) => {
        p.once('message', (m) => resolve(m as T));
        p.send(msg as object);
      });
    await Promise.all(procs.map((p) => new Promise((resolve) => p.once('message', resolve))));
    // Wait until the shards are shared evenly (the cap is ceil(shards / replicas)).
    const cap = Math.ceil(SHARDS / r);
    let status: { owned: number; apps: number }[] = [];
    for (let i = 0; i < 600; i++) {
      status = await Promise.all(
        procs.map((p) => ask<{ owned: number; apps: number }>(p, { cmd: 'status' })),
      );
      const total = status.reduce((a, s) => a + s.owned, 0);
      if (total === SHARDS && status.every((s) => s.owned >= cap - 1 && s.owned <= cap)) break;
      await new Promise((res) => setTimeout(res, 500));
    }
    // Warm-up tick (JIT, connections, history loaded), then the measured ticks, all replicas at once.
    await Promise.all(procs.map((p) => ask<TickReport>(p, { cmd: 'ticks', n: 1 })));
    const reports = await Promise.all(procs.map((p) => ask<TickReport>(p, { cmd: 'ticks', n: TICKS })));
    await Promise.all(procs.map((p) => ask(p, { cmd: 'stop' })));
    await Promise.all(
      procs.map((p) => (p.exitCode === null ? new Promise((res) => p.once('exit', res)) : undefined)),
    );

    const cpu = reports.map((x) => median(x.cpuMs));
    const total = cpu.reduce((a, b) => a + b, 0);
    const evenApps = APPS / r;
    const appsOff = Math.max(...status.map((s) => Math.abs(s.apps - evenApps) / evenApps));
    const cpuOff = Math.max(...cpu.map((c) => Math.abs(c - total / r) / (total / r)));
    const perOneK = total / ((APPS * PER) / 1000);
    // A tick that decided fewer apps than exist (a replica lost a shard's lease mid-run, commands
    // timed out) did less work: say so instead of reporting its smaller CPU as the cost.
    const decidedPerTick = reports.reduce((a, x) => a + x.decided, 0) / TICKS;
    const complete = decidedPerTick >= APPS;
    console.log(`\n${r} replica(s):`);
    reports.forEach((x, i) => {
      const errs = x.errors.length > 0 ? `, errors: ${x.errors.join(', ')}` : '';
      console.log(
        `  bench-${i + 1}: ${status[i]?.owned} shards, ${status[i]?.apps} apps, decided ${x.decided / TICKS} apps/tick; ` +
          `CPU ${f1(median(x.cpuMs))} ms/tick (min ${f1(Math.min(...x.cpuMs))}, max ${f1(Math.max(...x.cpuMs))}), ` +
          `wall ${f1(median(x.wallMs))} ms/tick${errs}`,
      );
    });
    console.log(
      `  all replicas: ${f1(total)} CPU ms/tick = ${f1(perOneK)} ms per 1,000 instances; ` +
        `apps off an even split by at most ${f1(appsOff * 100)}%, CPU share by at most ${f1(cpuOff * 100)}%` +
        (complete
          ? ''
          : `; INCOMPLETE: ${f1(decidedPerTick)} of ${APPS} apps decided per tick, not comparable`),
    );
    results.push({ replicas: r, perOneK: complete ? perOneK : Number.NaN });
  }
  const base = results[0];
  for (const x of results.slice(1)) {
    if (base)
      console.log(
        `${x.replicas} replicas / 1 replica, total CPU per tick: ${(x.perOneK / base.perOneK).toFixed(2)}x`,
      );
  }
  const last = results[results.length - 1];
  console.log(`cluster-cpu-ms-per-1k-instances: ${last ? f1(last.perOneK) : 'NaN'}`);
} finally {
  for (const c of children) if (c.exitCode === null) c.kill();
  await redis.stop();
}
