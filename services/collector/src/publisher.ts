import type { SnapshotBus } from '@governor/bus';
import { describeError } from '@governor/errors';
import type { InstanceSnapshot } from '@governor/metrics';
import type { Logger } from '@governor/telemetry';

/** Options for {@link SnapshotPublisher}. */
export interface SnapshotPublisherOptions {
  bus: SnapshotBus;
  logger: Logger;
  /** Snapshots kept while the bus is down, oldest dropped first. Default 10; 0 disables buffering. */
  bufferSize?: number;
  /** Called per snapshot stored, and per failed attempt. */
  onPublished?: () => void;
  onFailed?: () => void;
}

/**
 * Publishes snapshots to the bus. When the bus fails, the failure is counted
 * and logged (once per outage, with the cause), the snapshot is kept in a
 * bounded buffer, and the buffer is flushed oldest-first on the next success.
 */
export class SnapshotPublisher {
  private readonly buffer: InstanceSnapshot[] = [];
  private readonly bufferSize: number;
  private failing = false;
  private dropped = 0;

  constructor(private readonly options: SnapshotPublisherOptions) {
    this.bufferSize = options.bufferSize ?? 10;
  }

  /** Snapshots waiting for the bus. */
  get pending(): number {
    return this.buffer.length;
  }

  /** True while the last publish attempt failed. */
  get degraded(): boolean {
    return this.failing;
  }

  /** Publishes `s` after any buffered ones. Never rejects; returns whether everything got through. */
  async publish(s: InstanceSnapshot): Promise<boolean> {
    this.buffer.push(s);
    while (this.buffer.length > 0) {
      const next = this.buffer[0] as InstanceSnapshot;
      try {
        await this.options.bus.publish(next);
      } catch (err) {
        this.options.onFailed?.();
        this.trim();
        if (!this.failing) {
          this.failing = true;
          this.options.logger.error(
            { err: describeError(err), code: (err as { code?: string }).code, pending: this.buffer.length },
            'cannot publish snapshots to the bus; buffering them until it is back',
          );
        }
        return false;
      }
      this.buffer.shift();
      this.options.onPublished?.();
    }
    if (this.failing) {
      this.failing = false;
      this.options.logger.info({ dropped: this.dropped }, 'bus is back; buffered snapshots published');
      this.dropped = 0;
    }
    return true;
  }

  private trim(): void {
    while (this.buffer.length > this.bufferSize) {
      this.buffer.shift();
      this.dropped++;
    }
  }
}
