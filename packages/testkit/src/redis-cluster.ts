import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';
import { ensureBinary } from './system-package.js';

const run = promisify(execFile);

/** A private Redis Cluster (three masters, no replicas) for one test file. */
export interface TestRedisCluster {
  readonly ports: readonly number[];
  /** `redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3` (see createRedisConnection). */
  readonly url: string;
  /** Stops every node; idempotent. */
  stop(): Promise<void>;
  /** Kills every node (SIGKILL) without restarting: the whole cluster is down. */
  kill(): Promise<void>;
  /** Starts the nodes again after kill(): same slots (node files kept), no data. */
  start(): Promise<void>;
}

/** Sends one inline command and resolves with the raw reply, or undefined on any failure. */
function ask(port: number, command: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    let buf = '';
    sock.setTimeout(1000);
    sock.on('connect', () => sock.write(`${command}\r\n`));
    sock.on('data', (d) => {
      buf += d.toString();
      // Bulk replies start with $<len>; wait for the whole body.
      const m = /^\$(\d+)\r\n/.exec(buf);
      if (!m || buf.length >= m[0].length + Number(m[1])) {
        sock.destroy();
        resolve(buf);
      }
    });
    sock.on('error', () => resolve(undefined));
    sock.on('timeout', () => {
      sock.destroy();
      resolve(undefined);
    });
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Starts three `redis-server` nodes in cluster mode on free ports (no
 * persistence; node files in a private directory) and joins them into one
 * cluster with `redis-cli --cluster create`, each node a master of a third
 * of the slots. Resolves once every node reports `cluster_state:ok`.
 */
export async function startRedisCluster(): Promise<TestRedisCluster> {
  const server = ensureBinary('redis-server', 'redis-server');
  const cli = ensureBinary('redis-cli', 'redis-tools');
  const ports = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'governor-redis-cluster-'));
  const children = new Map<number, ChildProcess>();

  const launch = async (port: number): Promise<void> => {
    const proc = spawn(
      server,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        // Generous: on a busy machine a starved node must not be declared failed.
        '--cluster-node-timeout',
        '5000',
      ],
      { stdio: 'ignore' },
    );
    children.set(port, proc);
    proc.on('exit', () => {
      if (children.get(port) === proc) children.delete(port);
    });
    await waitFor(async () => (await ask(port, 'PING'))?.includes('PONG') ?? false, 10_000, `redis ${port}`);
  };
  const allOk = () =>
    waitFor(
      async () => {
        const infos = await Promise.all(ports.map((p) => ask(p, 'CLUSTER INFO')));
        return infos.every((i) => i?.includes('cluster_state:ok'));
      },
      30_000,
      'the Redis Cluster to report cluster_state:ok',
    );
  const killAll = async (): Promise<void> => {
    await Promise.all(
      [...children.values()].map(async (proc) => {
        if (proc.exitCode !== null) return;
        const exited = new Promise<void>((r) => proc.once('exit', () => r()));
        proc.kill('SIGKILL');
        await exited;
      }),
    );
  };

  await Promise.all(ports.map(launch));
  const nodes = ports.map((p) => `127.0.0.1:${p}`);
  await run(cli, ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], {
    timeout: 60_000,
  });
  await allOk();
  return {
    ports,
    url: `redis-cluster://${nodes.join(',')}`,
    async stop() {
      await killAll();
      rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      await killAll();
    },
    async start() {
      await Promise.all(ports.map(launch));
      await allOk();
    },
  };
}
