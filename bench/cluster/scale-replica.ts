/**
 * One autoscaler replica of bench:cluster's scale-out phase, run as its own
 * process so its CPU time is its own: real cluster wiring (shard leases,
 * Redis bus, fenced history saves, BullMQ queue) and an Autoscaler over every
 * app; it decides only the apps of the shards it holds. IPC:
 * `{ cmd: 'status' }` -> `{ owned, apps }`;
 * `{ cmd: 'ticks', n }` -> `{ cpuMs: number[], wallMs: number[], decided }`
 * (process CPU, user + system, of each tick).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { Autoscaler, SelfMetrics, startCluster } from '@governor/autoscaler';
import { FakeProvider } from '@governor/provider-emulators/fake';
import { benchPolicy, scaleConfig } from './fleet-config.js';

const [url, replicaId, appsArg, perArg, shardsArg] = process.argv.slice(2);
const APPS = Number(appsArg);
const PER = Number(perArg);
const SHARDS = Number(shardsArg);
const apps = Array.from({ length: APPS }, (_, a) => `app-${a}`);
const provider = new FakeProvider({
  machines: apps.flatMap((app, a) =>
    Array.from({ length: PER }, (_, k) => ({
      app,
      id: `i-${a * PER + k}`,
      region: 'local',
      state: 'started' as const,
    })),
  ),
});
const metrics = new SelfMetrics();
const cluster = startCluster({
  redisUrl: url as string,
  replicaId: replicaId as string,
  leaseTtlMs: 10_000,
  shards: SHARDS,
  apps: () => autoscaler.apps(),
  provider: () => provider,
  metrics,
});
const autoscaler = new Autoscaler({
  config: scaleConfig(apps.map(benchPolicy), SHARDS),
  configHash: 'bench0bench0bench0',
  providers: { fake: provider },
  metrics,
  ...cluster.autoscalerOptions,
});
cluster.start();

const ownedApps = () => apps.filter((a) => cluster.shards.leading(a)).length;

process.on('message', (msg: { cmd: 'status' } | { cmd: 'ticks'; n: number } | { cmd: 'stop' }) => {
  void (async () => {
    if (msg.cmd === 'status') {
      process.send?.({ owned: cluster.shards.owned().length, apps: ownedApps() });
    } else if (msg.cmd === 'ticks') {
      const cpuMs: number[] = [];
      const wallMs: number[] = [];
      // BENCH_PROFILE_DIR: a CPU profile of the measured ticks alone (not start-up), to see where a tick goes.
      const profileDir = msg.n > 1 ? process.env.BENCH_PROFILE_DIR : undefined;
      const session = profileDir ? new Session() : undefined;
      if (session) {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      const before = autoscaler.decisions.list({ limit: 10_000_000 }).filter((r) => r.decision).length;
      for (let i = 0; i < msg.n; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await autoscaler.tickOnce();
        wallMs.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpuMs.push((c.user + c.system) / 1000);
      }
      if (session && profileDir) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(join(profileDir, `${replicaId}.cpuprofile`), JSON.stringify(profile));
        session.disconnect();
      }
      const records = autoscaler.decisions.list({ limit: 10_000_000 });
      const decided = records.filter((r) => r.decision).length - before;
      const errors = new Map(records.filter((r) => r.error).map((r) => [r.error?.code, r.error?.message]));
      process.send?.({
        cpuMs,
        wallMs,
        decided,
        errors: [...errors].map(([code, message]) => `${code} (${message?.slice(0, 160)})`),
      });
    } else {
      await autoscaler.stop();
      await cluster.close();
      process.send?.({ stopped: true });
      process.exit(0);
    }
  })();
});
process.send?.({ ready: true });
