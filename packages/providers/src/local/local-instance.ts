import { type ChildProcess, spawn } from 'node:child_process';
import { PeriodicLoop } from '@governor/runtime';
import type { Machine, MachineHealth, MachineState } from '../provider.js';
import { childEnv } from './child-env.js';
import { probeHealth } from './health-probe.js';
import type { LocalProviderEvent, LocalProviderOptions } from './local-options.js';

const TAIL = 20;
/** A health check is abandoned this long after its probe's own request timeout, ms. */
const PROBE_MARGIN_MS = 1_000;

/**
 * One local machine: a child process on a fixed port, started only once its
 * health check passes, restarted after a crash, stopped with SIGTERM then
 * SIGKILL. The record outlives its children (a crash replaces the child, the
 * machine keeps its id and port).
 */
export class LocalInstance {
  state: MachineState;
  health: MachineHealth = 'unknown';
  restarts = 0;
  private child: ChildProcess | undefined;
  /** The boot poll, then the health watch, of the current generation; replaced at each launch and resume. */
  private loop: PeriodicLoop | undefined;
  /** Bumped whenever a health check or an exit handler must be ignored. */
  private gen = 0;
  private stopping: { target: 'stopped' | 'destroyed'; done: Promise<void> } | undefined;
  private failures = 0;
  private stderrTail: string[] = [];

  constructor(
    private readonly o: LocalProviderOptions,
    readonly id: string,
    readonly app: string,
    readonly port: number,
    readonly createdAt: number,
    private readonly emit: (e: Omit<LocalProviderEvent, 'at' | 'machine'>) => void,
    skipLaunch: boolean,
  ) {
    this.state = 'created';
    if (!skipLaunch) this.launch();
  }

  /** The provider view of this instance. */
  machine(): Machine {
    return {
      id: this.id,
      app: this.app,
      region: this.o.region ?? 'local',
      state: this.state,
      createdAt: this.createdAt,
      health: this.health,
      address: `127.0.0.1:${this.port}`,
    };
  }

  /** The pid of the current child, if one runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns a child and polls its health until it passes (or the boot times out). */
  launch(): void {
    const gen = ++this.gen;
    const args = (this.o.args ?? []).map((a) =>
      a.replaceAll('{port}', String(this.port)).replaceAll('{id}', this.id),
    );
    const child = spawn(this.o.command, args, {
      cwd: this.o.cwd,
      env: childEnv(this.o, this.port, this.id),
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    this.child = child;
    this.state = 'starting';
    this.health = 'unknown';
    this.failures = 0;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail.push(...chunk.split('\n').filter((l) => l !== ''));
      if (this.stderrTail.length > TAIL) this.stderrTail = this.stderrTail.slice(-TAIL);
    });
    child.on('error', () => {
      // spawn failure (e.g. ENOENT): an 'exit' may not follow, so treat it as a crash
      if (this.child === child && child.exitCode === null && child.pid === undefined)
        this.onExit(child, -1, null);
    });
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    this.watchHealth(gen);
  }

  /** SIGSTOP the process group: frozen in memory, resumable in an instant. */
  suspend(): void {
    this.gen++;
    this.stopHealth();
    this.signal('SIGSTOP');
    this.state = 'suspended';
  }

  /** SIGCONT a suspended child; it counts as started again once its health check passes. */
  resume(): void {
    if (!this.child) {
      this.launch();
      return;
    }
    const gen = ++this.gen;
    this.signal('SIGCONT');
    this.state = 'starting';
    this.watchHealth(gen);
  }

  /**
   * SIGTERM, then SIGKILL after the grace period; resolves once the child
   * exited (and was reaped). With no child, settles at once.
   */
  terminate(target: 'stopped' | 'destroyed'): Promise<void> {
    if (this.stopping) return this.stopping.done;
    this.gen++;
    this.stopHealth();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.child = undefined;
      this.state = target;
      return Promise.resolve();
    }
    this.state = target === 'destroyed' ? 'destroying' : 'stopping';
    const done = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
    });
    this.stopping = { target, done };
    this.signal('SIGTERM');
    this.signal('SIGCONT');
    const kill = setTimeout(() => this.signal('SIGKILL'), this.o.stopGracePeriod ?? 5_000);
    kill.unref();
    void done.then(() => clearTimeout(kill));
    return done;
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.stopHealth();
    const exit = { code, signal };
    if (this.stopping) {
      const { target } = this.stopping;
      this.stopping = undefined;
      this.state = target;
      this.emit({ type: signal === 'SIGKILL' ? 'killed' : 'stopped', exit });
      return;
    }
    if (this.state === 'failed') return;
    this.gen++;
    this.health = 'unhealthy';
    this.emit({ type: 'crashed', exit, stderrTail: [...this.stderrTail] });
    if (this.restarts < (this.o.maxRestarts ?? 5)) {
      this.restarts++;
      this.launch();
      this.emit({ type: 'restarted' });
    } else {
      this.state = 'failed';
    }
  }

  /**
   * Polls the health check every `bootPollInterval` until it passes (the
   * machine is started) or the boot times out (the machine failed and its
   * child is killed); then checks it every `healthInterval`, unhealthy after
   * `unhealthyThreshold` failures in a row, healthy again on a success. One
   * {@link PeriodicLoop}: checks never overlap, one that throws (a listener
   * of the events) is reported and the next comes on time, a probe still
   * going past its request timeout is aborted.
   */
  private watchHealth(gen: number): void {
    this.stopHealth();
    const now = this.o.now ?? Date.now;
    const deadline = now() + (this.o.bootTimeout ?? 15_000);
    let booting = true;
    const loop = new PeriodicLoop({
      name: `health check of local machine ${this.id}`,
      interval: () => (booting ? (this.o.bootPollInterval ?? 100) : (this.o.healthInterval ?? 2_000)),
      timeout: () => (this.o.healthRequestTimeout ?? 1_000) + PROBE_MARGIN_MS,
      run: async (signal) => {
        if (gen !== this.gen) return;
        const ok = await this.probe(signal);
        if (gen !== this.gen) return;
        if (!booting) this.checked(ok);
        else if (ok) {
          booting = false;
          this.state = 'started';
          this.health = 'healthy';
          this.emit({ type: 'started' });
        } else if (now() >= deadline) {
          this.gen++;
          this.stopHealth();
          this.state = 'failed';
          this.health = 'unhealthy';
          this.emit({ type: 'never-healthy', stderrTail: [...this.stderrTail] });
          this.signal('SIGKILL');
        }
      },
      onError: (err, message) => this.o.onError?.(err, message),
    });
    this.loop = loop;
    loop.start(0);
  }

  /** Applies one health check of a started machine. */
  private checked(ok: boolean): void {
    if (ok) {
      this.failures = 0;
      if (this.health !== 'healthy') {
        this.health = 'healthy';
        this.emit({ type: 'healthy' });
      }
    } else if (++this.failures >= (this.o.unhealthyThreshold ?? 3) && this.health !== 'unhealthy') {
      this.health = 'unhealthy';
      this.emit({ type: 'unhealthy' });
    }
  }

  private probe(signal: AbortSignal): Promise<boolean> {
    return probeHealth(
      '127.0.0.1',
      this.port,
      this.o.healthPath ?? '/healthz',
      this.o.healthRequestTimeout ?? 1_000,
      signal,
    );
  }

  /** SIGKILLs the child's process group at once, synchronously: for a process that must exit now. */
  killNow(): void {
    this.gen++;
    this.stopHealth();
    this.signal('SIGKILL');
  }

  /** Stops the health loop at once: no check starts after this; the caller bumps `gen` so one in flight is ignored. */
  private stopHealth(): void {
    void this.loop?.stop();
    this.loop = undefined;
  }

  private signal(sig: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  }
}
