import type { Machine, MachineHealth } from '@governor/providers';

/** Provider operations that failure injection can target. */
export type ProviderOp = 'list' | 'create' | 'start' | 'stop' | 'suspend' | 'destroy';

/** A failure injected into {@link FakeProvider}. */
export interface FailureRule {
  /** Operation to fail; `*` for every operation. */
  readonly op: ProviderOp | '*';
  /** Only for this app. Default: any. */
  readonly app?: string;
  /** Only for this machine id (not for `create`/`list`). Default: any. */
  readonly id?: string;
  /** Only for this region (create, and operations on machines there). Default: any. */
  readonly region?: string;
  /** How many calls fail before the rule is spent. Default: unlimited. */
  readonly times?: number;
  /**
   * What to throw: `retryable` (GOV_PROVIDER_UNAVAILABLE), `rate-limited`,
   * `permanent` (GOV_PROVIDER_INVALID), `capacity`, or a factory of your own.
   * Default `retryable`.
   */
  readonly error?: 'retryable' | 'rate-limited' | 'permanent' | 'capacity' | (() => Error);
}

/** What a boot (create or start) ends in. */
export type BootOutcome =
  | { readonly state: 'started'; readonly health: MachineHealth }
  | { readonly state: 'failed' };

/** A machine to seed a {@link FakeProvider} with. */
export type FakeSeed = Omit<Machine, 'health' | 'createdAt'> & {
  readonly health?: MachineHealth;
  readonly createdAt?: number;
};

/** Options of {@link FakeProvider}. All durations are ms. */
export interface FakeProviderOptions {
  /** The clock; transitions complete when it passes their due time. Default `Date.now`. */
  readonly now?: () => number;
  /** create (not skip_launch) -> started. Default 0. */
  readonly bootTime?: number;
  /** stopped or created -> started. Default 0. */
  readonly startTime?: number;
  /** suspended -> started (resume from snapshot). Default 0. */
  readonly resumeTime?: number;
  /** started -> stopped. Default 0. */
  readonly stopTime?: number;
  /** started -> suspended. Default: `stopTime`. */
  readonly suspendTime?: number;
  /** -> destroyed. Default 0. */
  readonly destroyTime?: number;
  /** Failures to inject from the start; more with `injectFailure`. */
  readonly failures?: readonly FailureRule[];
  /** Decides how each boot ends. Default: started and healthy. */
  readonly bootOutcome?: (machine: Machine) => BootOutcome;
  /** Most live machines per region (create fails with GOV_PROVIDER_CAPACITY past it). Default unlimited. */
  readonly capacity?: Readonly<Record<string, number>>;
  /** Machines present at the start. */
  readonly machines?: readonly FakeSeed[];
  /** Prefix of generated ids (`<prefix><counter>`). Default `m`. */
  readonly idPrefix?: string;
  /** Called on every state change (cheap hook for simulators). */
  readonly onTransition?: (machine: Machine, from: Machine['state'] | undefined, at: number) => void;
}
