export type { FlyLogger } from './fly-client-options.js';
export type { FlyProviderOptions } from './fly-provider.js';
export { FlyProvider } from './fly-provider.js';
export { flyRateLimit, KeyedBuckets } from './token-bucket.js';
