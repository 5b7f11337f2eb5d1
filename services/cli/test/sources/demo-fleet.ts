import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Machine } from '@governor/providers';
import { freePort } from '@governor/testkit';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Real demo-app processes on free ports, as machines of app `demo`. */
export interface DemoFleet {
  readonly machines: Machine[];
  /** Process id of each machine's instance, in `machines` order. */
  readonly pids: number[];
  stop(): Promise<void>;
}

/** Starts `n` demo-app instances (`examples/demo-app`) and waits until each answers /healthz. */
export async function startDemoFleet(n: number, env: Record<string, string> = {}): Promise<DemoFleet> {
  const children: ChildProcess[] = [];
  const machines: Machine[] = [];
  for (let i = 0; i < n; i++) {
    const port = await freePort();
    const id = `demo-${i}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/demo-app/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), GOVERNOR_INSTANCE_ID: id },
      stdio: 'ignore',
    });
    children.push(child);
    machines.push({
      id,
      app: 'demo',
      region: 'local',
      state: 'started',
      createdAt: Date.now(),
      health: 'healthy',
      address: `127.0.0.1:${port}`,
    });
  }
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
  };
  const deadline = Date.now() + 60_000;
  for (const m of machines) {
    for (;;) {
      try {
        if ((await fetch(`http://${m.address}/healthz`)).ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`demo instance ${m.id} did not come up`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { machines, pids: children.map((c) => c.pid as number), stop };
}

/**
 * Sends `perTick` requests to every machine each `everyMs` until stopped:
 * a steady load with small bursts, so some requests queue.
 */
export function steadyLoad(
  machines: readonly Machine[],
  perTick: number,
  everyMs: number,
): () => Promise<void> {
  const inflight = new Set<Promise<unknown>>();
  const timer = setInterval(() => {
    for (const m of machines) {
      for (let i = 0; i < perTick; i++) {
        const p = fetch(`http://${m.address}/`)
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
      }
    }
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await Promise.all([...inflight]);
  };
}
