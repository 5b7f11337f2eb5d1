import type { History } from '@governor/scaler';

/**
 * Where the leader keeps each app's scaler {@link History} so that a new
 * leader continues with the old stabilization windows, rate periods,
 * cooldowns and burst state instead of starting from an empty history.
 */
export interface HistoryStore {
  /**
   * Saves an app's history stamped with the writer's fencing token. Resolves
   * false (and stores nothing) when a history with a newer token is already
   * stored: the writer has been deposed. Rejects when the store is unreachable.
   */
  save(app: string, history: History, token: number): Promise<boolean>;
  /** The stored histories of these apps (apps without one are left out). */
  load(apps: readonly string[]): Promise<Map<string, History>>;
}
