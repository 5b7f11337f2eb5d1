import type { SnapshotBus } from '@governor/bus';
import type { Observations } from '@governor/scaler';
import { buildObservations } from '../observations.js';
import type { MetricSource, ObserveRequest } from './metric-source.js';

/** The default source: the sidecar collectors' newest snapshots on the bus. */
export class SidecarSource implements MetricSource {
  readonly name = 'sidecar';
  readonly type = 'sidecar' as const;

  /**
   * @param bus the snapshot bus, or anything that reads its newest snapshots (its owner closes it).
   * @param staleAfter ms after which a snapshot is stale (config `collector.staleAfter`).
   */
  constructor(
    private readonly bus: Pick<SnapshotBus, 'latest'>,
    private readonly staleAfter: () => number,
  ) {}

  async observe(req: ObserveRequest): Promise<Observations> {
    const snapshots = await this.bus.latest(req.app.name);
    req.signal.throwIfAborted();
    return buildObservations({
      app: req.app.name,
      machines: req.machines,
      snapshots,
      now: req.now,
      staleAfter: this.staleAfter(),
      ...(req.edgeRps === undefined ? {} : { edgeRps: req.edgeRps }),
    });
  }

  async close(): Promise<void> {}
}
