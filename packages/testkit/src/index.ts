export { freePort } from './free-port.js';
export type { StartPrometheusOptions, TestPrometheus } from './prometheus-server.js';
export { startPrometheus } from './prometheus-server.js';
export { ensureAmtool, ensurePromtool } from './prometheus-tools.js';
export type { TestRedisCluster } from './redis-cluster.js';
export { startRedisCluster } from './redis-cluster.js';
export type { TestRedis } from './redis-server.js';
export { startRedis } from './redis-server.js';
export { ensureBinary, findBinary } from './system-package.js';
