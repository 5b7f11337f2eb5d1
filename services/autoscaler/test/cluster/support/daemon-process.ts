import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const live = new Set<ChildProcess>();

// Never leave a daemon behind, even when the test runner dies between hooks.
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

/** One autoscaler daemon process (src/main.ts) with its log lines. */
export class DaemonProcess {
  readonly logs: string[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(
    readonly replicaId: string,
    readonly port: number,
    configPath: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, ['--conditions=governor-source', '--import', 'tsx', MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        GOVERNOR_CONFIG: configPath,
        GOVERNOR_REPLICA_ID: replicaId,
        GOVERNOR_LISTEN: `127.0.0.1:${port}`,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(this.child);
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) this.logs.push(line);
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code) => {
        live.delete(this.child);
        resolve(code);
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(sig: NodeJS.Signals): void {
    this.child.kill(sig);
  }

  /** SIGKILL and wait for the exit. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGCONT');
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** The daemon's /metrics text, or undefined when it does not answer. */
  async metrics(): Promise<string | undefined> {
    try {
      const res = await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(2000) });
      return res.ok ? await res.text() : undefined;
    } catch {
      return undefined;
    }
  }

  /** A sample's value from /metrics (`name{labels}` exactly as exported), or undefined. */
  async sample(series: string): Promise<number | undefined> {
    const text = await this.metrics();
    if (text === undefined) return undefined;
    for (const line of text.split('\n')) {
      if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
    }
    return undefined;
  }

  /** 1 when this replica says it leads, 0 when not, undefined when unreachable. */
  leader(): Promise<number | undefined> {
    return this.sample(`governor_leader{replica="${this.replicaId}"}`);
  }

  async readyz(): Promise<{ status: number; body: { ready?: boolean; reason?: string } } | undefined> {
    try {
      const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2000) });
      return { status: res.status, body: (await res.json()) as { ready?: boolean; reason?: string } };
    } catch {
      return undefined;
    }
  }
}
