export type { Collector, CollectorApp, CreateCollectorOptions } from './collector.js';
export { createCollector } from './collector.js';
export type { HostStatsSpec } from './host/create-host-stats.js';
export { createHostStats } from './host/create-host-stats.js';
export type { HostSample, HostStatsSource } from './host/host-stats.js';
export { SCRAPE_ACCEPT } from './scrape/fetch-metrics.js';
export type { SnapshotIdentity } from './summary/build-snapshot.js';
