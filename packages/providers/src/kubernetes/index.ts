export type { KubernetesProviderOptions } from './kubernetes-provider.js';
export { KubernetesProvider } from './kubernetes-provider.js';
