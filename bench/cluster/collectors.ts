/**
 * The simulated collectors of bench:cluster, run as a child process (so the
 * leader's event loop in the parent never throttles them): on each IPC
 * message `{ url, apps, instances, untilMs, inFlight, connections, bus }` it
 * publishes one snapshot per instance, round-robin, with `inFlight`
 * publishes outstanding over `connections` connections until `untilMs`, and
 * answers `{ published, ms }`.
 */
import { createRedisConnection, MemoryBus, RedisBus, type SnapshotBus } from '@governor/bus';
import { snapshot } from './fleet-config.js';

interface Job {
  readonly url: string;
  readonly apps: number;
  readonly instances: number;
  readonly untilMs: number;
  readonly inFlight: number;
  readonly connections: number;
  /** `memory`: publish into an in-process MemoryBus instead (the client-side cost alone). */
  readonly bus: 'redis' | 'memory';
}

process.on('message', (job: Job) => {
  void run(job).then((r) => process.send?.(r));
});

async function run(job: Job): Promise<{ published: number; ms: number }> {
  const conns =
    job.bus === 'redis'
      ? Array.from({ length: job.connections }, () =>
          createRedisConnection(job.url, { name: 'bench-collectors', commandTimeoutMs: 30_000 }),
        )
      : [];
  const buses: SnapshotBus[] =
    job.bus === 'redis' ? conns.map((redis) => new RedisBus({ redis })) : [new MemoryBus()];
  const t0 = Date.now();
  let next = 0;
  let published = 0;
  const worker = async (w: number) => {
    const bus = buses[w % buses.length] as SnapshotBus;
    while (Date.now() < job.untilMs) {
      const i = next++ % job.instances;
      await bus.publish(snapshot(`app-${i % job.apps}`, `i-${i}`, i, Date.now()));
      published++;
    }
  };
  await Promise.all(Array.from({ length: job.inFlight }, (_, w) => worker(w)));
  const ms = Date.now() - t0;
  for (const c of conns) c.disconnect();
  return { published, ms };
}
