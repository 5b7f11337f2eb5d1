import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { GovernorConfig } from '@governor/config';
import { describeError } from '@governor/errors';

/** What loading a config file gave: a config and its hash, or readable issues. */
export type ConfigLoadResult =
  | { readonly ok: true; readonly config: GovernorConfig; readonly hash: string }
  | { readonly ok: false; readonly issues: readonly string[] };

/** Loads and validates a config file (the daemon wires `@governor/config` here). */
export type ConfigLoader = (path: string) => Promise<ConfigLoadResult> | ConfigLoadResult;

/** The result of the last reload attempt, for the API and logs. */
export interface ReloadStatus {
  readonly ok: boolean;
  /** ms since epoch. */
  readonly at: number;
  /** Why it failed (one line per issue); empty when ok. */
  readonly issues: readonly string[];
  /** Hash of the config in force after this attempt. */
  readonly hash: string;
}

/** Options of {@link ConfigReloader}. */
export interface ConfigReloaderOptions {
  readonly path: string;
  readonly load: ConfigLoader;
  /** Applies a valid new config. */
  readonly apply: (config: GovernorConfig, hash: string) => void;
  /** Reports every attempt (ok or not). */
  readonly report: (status: ReloadStatus) => void;
  /** Hash of the config in force at start. */
  readonly initialHash: string;
  /** Wait this long after the last file event before reloading. Default 200 ms. */
  readonly debounceMs?: number;
  readonly now?: () => number;
}

/**
 * Reloads the config on file change (watching the file's directory, so an
 * editor's rename-over-write is seen) and on demand (SIGHUP, API). An invalid
 * file keeps the old config and is reported. An unchanged hash is a no-op
 * reported as success.
 */
export class ConfigReloader {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private hash: string;
  private chain: Promise<ReloadStatus> | undefined;

  constructor(private readonly options: ConfigReloaderOptions) {
    this.hash = options.initialHash;
  }

  /** Starts watching the file. */
  watch(): void {
    if (this.watcher) return;
    const file = basename(this.options.path);
    this.watcher = watch(dirname(this.options.path), { persistent: false }, (_event, name) => {
      if (name !== null && name !== file) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reload(), this.options.debounceMs ?? 200);
      this.timer.unref();
    });
    this.watcher.on('error', () => undefined);
  }

  /** Reloads now; concurrent calls are serialized. Never rejects. */
  reload(): Promise<ReloadStatus> {
    const next = (this.chain ?? Promise.resolve()).then(() => this.attempt());
    this.chain = next;
    return next;
  }

  /** Stops watching and waits for a reload in flight. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
    await this.chain;
  }

  private async attempt(): Promise<ReloadStatus> {
    const at = (this.options.now ?? Date.now)();
    let status: ReloadStatus;
    try {
      const result = await this.options.load(this.options.path);
      if (result.ok) {
        if (result.hash !== this.hash) this.options.apply(result.config, result.hash);
        this.hash = result.hash;
        status = { ok: true, at, issues: [], hash: this.hash };
      } else {
        status = { ok: false, at, issues: result.issues, hash: this.hash };
      }
    } catch (err) {
      status = { ok: false, at, issues: [describeError(err)], hash: this.hash };
    }
    this.options.report(status);
    return status;
  }
}
