import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const APP = fileURLToPath(new URL('../fixtures/app.mjs', import.meta.url));

/** A running fixture app (test/fixtures/app.mjs) in a child process. */
export interface AppProcess {
  readonly pid: number;
  readonly port: number;
  readonly base: string;
  readonly metricsUrl: string;
  /** GETs `path` and returns the body. */
  get(path: string): Promise<string>;
  /** Sends `count` requests to /work with the given status and simulated latency. */
  work(count: number, status: number, latencyMs: number): Promise<void>;
  /** Sets how /metrics behaves: ok, slow, error, garbage, huge. */
  metricsMode(mode: 'ok' | 'slow' | 'error' | 'garbage' | 'huge'): Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
}

/**
 * Starts the fixture app on a free port (on `env.HOST`, default 127.0.0.1).
 * `prefix` runs it through a wrapper that execs it (`ip netns exec <ns>`), so
 * that the child's pid is still the app's.
 */
export async function startApp(
  env: Record<string, string> = {},
  port = 0,
  prefix: readonly string[] = [],
): Promise<AppProcess> {
  const argv = [...prefix, process.execPath, APP];
  const child: ChildProcess = spawn(argv[0] as string, argv.slice(1), {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const actualPort = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('fixture app did not start')), 15_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fixture app exited with ${code}`));
    });
  });
  const base = `http://${env.HOST ?? '127.0.0.1'}:${actualPort}`;
  const get = async (path: string): Promise<string> => {
    const res = await fetch(`${base}${path}`);
    return res.text();
  };
  return {
    pid: child.pid as number,
    port: actualPort,
    base,
    metricsUrl: `${base}/metrics`,
    get,
    async work(count, status, latencyMs) {
      for (let i = 0; i < count; i += 50) {
        const batch = Math.min(50, count - i);
        await Promise.all(
          Array.from({ length: batch }, () => get(`/work?status=${status}&latencyMs=${latencyMs}`)),
        );
      }
    },
    async metricsMode(mode) {
      await get(`/control?metrics=${mode}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    },
  };
}
