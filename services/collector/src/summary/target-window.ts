import type { ScrapeOutcome } from '../scrape/target-scraper.js';
import type { AppSample } from './app-sample.js';
import { type AppIncrease, appIncrease } from './window-deltas.js';

interface Reading {
  readonly atMs: number;
  readonly sample: AppSample;
}

/**
 * One target's readings across windows: the reading that ended the previous
 * window (the baseline) and the newest one. A window's increase is newest
 * minus baseline; then the newest becomes the next baseline. A baseline
 * older than `staleAfterMs` (the target vanished for a while) is dropped, so
 * a long gap is never averaged into one window.
 */
export class TargetWindow {
  private baseline: Reading | undefined;
  private newest: Reading | undefined;
  private ok = 0;
  private failed = 0;
  private up = false;
  private lastError: string | undefined;

  constructor(private readonly staleAfterMs: number) {}

  /** Records a scrape. */
  record(outcome: ScrapeOutcome): void {
    if (!outcome.ok) {
      this.failed++;
      this.up = false;
      this.lastError = outcome.error.message;
      return;
    }
    this.ok++;
    this.up = true;
    this.lastError = undefined;
    const reading = { atMs: outcome.atMs, sample: outcome.sample };
    const previous = this.newest ?? this.baseline;
    if (!this.baseline || (previous && reading.atMs - previous.atMs > this.staleAfterMs)) {
      this.baseline = reading;
      this.newest = undefined;
      return;
    }
    this.newest = reading;
  }

  /** Closes the window: its increase (when there were two readings) and scrape counts; starts the next. */
  close(): { increase?: AppIncrease; ok: number; failed: number; up: boolean; lastError?: string } {
    let increase: AppIncrease | undefined;
    if (this.baseline && this.newest) {
      increase = appIncrease(
        this.baseline.sample,
        this.newest.sample,
        (this.newest.atMs - this.baseline.atMs) / 1000,
      );
      this.baseline = this.newest;
      this.newest = undefined;
    }
    const out = {
      ...(increase ? { increase } : {}),
      ok: this.ok,
      failed: this.failed,
      up: this.up,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
    this.ok = 0;
    this.failed = 0;
    return out;
  }
}
