import type { InstanceSnapshot } from '@governor/metrics';

/** A minimal valid snapshot for `app`/`instance` whose window ends at `windowEnd`. */
export function makeSnapshot(
  app: string,
  instance: string,
  windowEnd: number,
  extra: Partial<InstanceSnapshot> = {},
): InstanceSnapshot {
  return {
    version: 1,
    app,
    instance,
    region: 'ams',
    windowStart: windowEnd - 15_000,
    windowEnd,
    ready: true,
    custom: {},
    scrape: { up: true, ok: 3, failed: 0 },
    ...extra,
  };
}
