import type { Machine } from '../provider.js';

/** Something the local provider reports (crashes, replacements, health). */
export interface LocalProviderEvent {
  readonly type:
    | 'started'
    | 'crashed'
    | 'restarted'
    | 'never-healthy'
    | 'unhealthy'
    | 'healthy'
    | 'stopped'
    | 'killed';
  readonly machine: Machine;
  /** Exit code or signal of the child, for `crashed`/`stopped`/`killed`. */
  readonly exit?: { readonly code: number | null; readonly signal: NodeJS.Signals | null };
  /** Last lines the child wrote to stderr, for `crashed`/`never-healthy`. */
  readonly stderrTail?: readonly string[];
  readonly at: number;
}

/** Options of {@link LocalProvider}. All durations are ms. */
export interface LocalProviderOptions {
  /** Executable to run for each instance. */
  readonly command: string;
  /** Arguments; `{port}` and `{id}` are replaced. Default []. */
  readonly args?: readonly string[];
  /**
   * The app's declared environment. Children get only this, `PATH`, `PORT`
   * and `GOVERNOR_INSTANCE_ID`: never the daemon's own environment (API
   * token, Redis URL, provider tokens). An entry named `PATH` replaces {@link path}.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** `PATH` of the children, to find {@link command}. Default {@link DEFAULT_CHILD_PATH}. */
  readonly path?: string;
  /** Working directory of the children. Default: this process's. */
  readonly cwd?: string;
  /** Inclusive port range for instances. */
  readonly portRange: readonly [number, number];
  /** Health path polled on 127.0.0.1:PORT. Default `/healthz`. */
  readonly healthPath?: string;
  /** SIGTERM -> SIGKILL grace period. Default 5000. */
  readonly stopGracePeriod?: number;
  /** Region reported for instances. Default `local`. */
  readonly region?: string;
  /** Poll interval of the health check while booting. Default 100. */
  readonly bootPollInterval?: number;
  /** A boot that has not passed its health check by then is killed and marked failed. Default 15000. */
  readonly bootTimeout?: number;
  /** Health check interval once started. Default 2000. */
  readonly healthInterval?: number;
  /** Timeout of one health request. Default 1000. */
  readonly healthRequestTimeout?: number;
  /** Consecutive failed checks before a started instance is unhealthy. Default 3. */
  readonly unhealthyThreshold?: number;
  /** Restarts after crashes before the machine is marked failed. Default 5. */
  readonly maxRestarts?: number;
  /** Receives every event; crashes and replacements are reported here. */
  readonly onEvent?: (event: LocalProviderEvent) => void;
  /**
   * Called with a health check that failed to complete (an `onEvent` that
   * threw, a probe still going past `healthRequestTimeout` + 1 s) and a
   * one-line message; the checks go on. Default: ignore.
   */
  readonly onError?: (err: unknown, message: string) => void;
  /** Clock. Default `Date.now`. */
  readonly now?: () => number;
}
