/**
 * The `Provider` contract: only what the autoscaler needs to make a fleet
 * converge. Every operation is idempotent: starting a started machine or
 * destroying a destroyed one succeeds without doing anything.
 */

/** Machine states, as the Fly Machines API names them. */
export type MachineState =
  | 'created'
  | 'starting'
  | 'started'
  | 'stopping'
  | 'stopped'
  | 'suspending'
  | 'suspended'
  | 'replacing'
  | 'destroying'
  | 'destroyed'
  | 'failed';

/** States a machine rests in; every other state is mid-transition. */
export const SETTLED_STATES: ReadonlySet<MachineState> = new Set([
  'created',
  'started',
  'stopped',
  'suspended',
  'destroyed',
  'failed',
]);

export type MachineHealth = 'healthy' | 'unhealthy' | 'unknown';

export interface Machine {
  readonly id: string;
  readonly app: string;
  readonly region: string;
  readonly state: MachineState;
  /** ms since epoch. */
  readonly createdAt: number;
  readonly health: MachineHealth;
  readonly processGroup?: string;
  /** `host:port` where the instance serves (and exposes /metrics), when known. */
  readonly address?: string;
}

export interface CreateMachineOptions {
  readonly region: string;
  /** Create without booting (for a warm pool). Default false. */
  readonly skipLaunch?: boolean;
}

/** The narrow provider interface the autoscaler uses. */
export interface Provider {
  /** Provider kind, e.g. `fly`, `local`, `kubernetes`, `fake`. */
  readonly kind: string;
  /** Machines of an app, destroyed ones excluded. */
  list(app: string): Promise<Machine[]>;
  create(app: string, options: CreateMachineOptions): Promise<Machine>;
  start(app: string, id: string): Promise<void>;
  stop(app: string, id: string): Promise<void>;
  suspend(app: string, id: string): Promise<void>;
  destroy(app: string, id: string): Promise<void>;
  /** Releases sockets, timers and child processes. */
  close(): Promise<void>;
}
