export type { EdgeBalancer } from './edge-proxy.js';
export { EdgeProxy } from './edge-proxy.js';
export type { LocalProviderEvent, LocalProviderOptions } from './local-options.js';
export { LocalProvider } from './local-provider.js';
