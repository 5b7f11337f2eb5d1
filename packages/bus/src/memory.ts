/**
 * The in-memory bus and registry alone, without the Redis client: for a
 * process that loads Redis only when it is configured (the collector
 * sidecar), importing this entry instead of the package index keeps the
 * client out of its memory.
 */
export type { InstanceInfo, InstanceRegistry } from './instance-registry.js';
export type { MemoryBusOptions } from './memory-bus.js';
export { MemoryBus } from './memory-bus.js';
export type { MemoryRegistryOptions } from './memory-registry.js';
export { MemoryRegistry } from './memory-registry.js';
export type { SnapshotBus } from './snapshot-bus.js';
