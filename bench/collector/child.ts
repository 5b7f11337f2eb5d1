import { type ChildProcess, spawn } from 'node:child_process';

/** A child process of the benchmark, with the tail of its output kept for error messages. */
export interface BenchChild {
  readonly pid: number;
  readonly process: ChildProcess;
  /** Last lines it printed (stdout and stderr). */
  output(): string;
  /** Resolves with the first output line matching `re`, or rejects after `timeoutMs` or on exit. */
  waitFor(re: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** SIGTERM, then SIGKILL after 3 s; resolves once it exited. */
  stop(): Promise<void>;
}

/** Spawns `command args` with piped output. */
export function startChild(name: string, command: string, args: readonly string[]): BenchChild {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  let tail: string[] = [];
  const waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  let exited = false;
  const exit = new Promise<void>((r) =>
    child.once('exit', () => {
      exited = true;
      r();
    }),
  );
  const onData = (d: Buffer): void => {
    for (const line of d.toString().split('\n')) {
      if (!line) continue;
      tail = [...tail.slice(-19), line];
      for (const w of [...waiters]) {
        const m = w.re.exec(line);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    pid: child.pid,
    process: child,
    output: () => tail.join('\n'),
    waitFor: (re, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${name}: no ${re} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        void exit.then(() => {
          clearTimeout(timer);
          reject(new Error(`${name} exited:\n${tail.join('\n')}`));
        });
        waiters.push({
          re,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      }),
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exit;
      clearTimeout(timer);
    },
  };
}
