import type { AppConfig, AppMode } from '@governor/config';
import type { Machine } from '@governor/providers';
import { emptyHistory, type History } from '@governor/scaler';
import type { FleetStats } from './fleet-stats.js';

/** A manual machine count that replaces the scaler's until it expires. */
export interface ManualOverride {
  readonly machines: number;
  /** ms since epoch. */
  readonly setAt: number;
  readonly expiresAt: number;
  readonly reason?: string;
}

/** A pause set through the API. */
export interface RuntimePause {
  readonly at: number;
  readonly reason?: string;
}

/**
 * What the daemon keeps per app between ticks: the scaler history, the
 * runtime pause and override, and the last observations for the API.
 */
export class AppRuntime {
  history: History = emptyHistory();
  pause: RuntimePause | undefined;
  override: ManualOverride | undefined;
  machines: readonly Machine[] = [];
  stats: FleetStats | undefined;
  /** Last time a tick for this app finished (ms). */
  lastTickAt: number | undefined;

  constructor(public policy: AppConfig) {}

  get name(): string {
    return this.policy.name;
  }

  /** `paused` when paused through the API, else the configured mode. */
  mode(): AppMode {
    return this.pause ? 'paused' : this.policy.mode;
  }

  /** The override in force at `now`; an expired one is cleared. */
  activeOverride(now: number): ManualOverride | undefined {
    if (this.override && this.override.expiresAt <= now) this.override = undefined;
    return this.override;
  }
}
