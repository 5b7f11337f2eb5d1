export type { BackoffPolicy } from './backoff.js';
export { backoffCeiling, fullJitterBackoff } from './backoff.js';
export type { CancelTimer, Clock, Timers } from './clock.js';
export { systemClock, systemTimers } from './clock.js';
export type { PeriodicLoopOptions } from './periodic-loop.js';
export { PeriodicLoop } from './periodic-loop.js';
export { sleep } from './sleep.js';
export type { TokenBucketLimit } from './token-bucket.js';
export { TokenBucket } from './token-bucket.js';
