import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { ensureBinary } from './system-package.js';

/** A private redis-server for one test file. */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGTERM, then SIGKILL); idempotent. */
  stop(): Promise<void>;
  /** Kills the server abruptly and starts it again on the same port (an outage). */
  restart(downMs?: number): Promise<void>;
  /** Kills the server (SIGKILL) without restarting. */
  kill(): Promise<void>;
  /** Starts it again after kill(). */
  start(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    let buf = '';
    sock.setTimeout(500);
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('PONG')) {
        sock.destroy();
        resolve(true);
      }
    });
    sock.on('error', () => resolve(false));
    sock.on('timeout', () => {
      sock.destroy();
      resolve(false);
    });
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Starts a private `redis-server` on a free port (installing the Debian
 * package when it is missing), with no persistence and its own directory.
 */
export async function startRedis(): Promise<TestRedis> {
  const bin = ensureBinary('redis-server', 'redis-server');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'governor-redis-'));
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const proc = spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    child = proc;
    proc.on('exit', () => {
      if (child === proc) child = undefined;
    });
    await waitFor(() => ping(port), 10_000, `redis-server on port ${port}`);
  };

  const killNow = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      await killNow('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      await killNow('SIGKILL');
    },
    async start() {
      await launch();
    },
    async restart(downMs = 500) {
      await killNow('SIGKILL');
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
  };
}
