export type { ProviderDeps } from './create-provider.js';
export { createProvider, edgeProxyFor } from './create-provider.js';
export type { ProviderError } from './errors.js';
export { isRetryable, PermanentProviderError, RetryableProviderError } from './errors.js';
export type {
  BootOutcome,
  FailureRule,
  FakeProviderOptions,
  FakeSeed,
  ProviderOp,
} from './fake/fake-options.js';
export { FakeProvider } from './fake/fake-provider.js';
export type { FlyClientOptions, FlyLogger } from './fly/fly-client-options.js';
export type { FlyFailure } from './fly/fly-errors.js';
export { flyError } from './fly/fly-errors.js';
export type { FlyMachineWire } from './fly/fly-machine-map.js';
export { mapFlyHealth, mapFlyMachine, mapFlyState } from './fly/fly-machine-map.js';
export type { FlyRequest, FlyResponse } from './fly/fly-machines-client.js';
export { FlyMachinesClient } from './fly/fly-machines-client.js';
export type { FlyProviderOptions } from './fly/fly-provider.js';
export { FlyProvider } from './fly/fly-provider.js';
export { KeyedBuckets } from './fly/token-bucket.js';
export type { KubeClientOptions, KubeResponse } from './kubernetes/kube-client.js';
export { KubeClient, kubeError, SERVICE_ACCOUNT_DIR } from './kubernetes/kube-client.js';
export type { KubernetesProviderOptions } from './kubernetes/kubernetes-provider.js';
export { KubernetesProvider } from './kubernetes/kubernetes-provider.js';
export { DEFAULT_CHILD_PATH } from './local/child-env.js';
export type { EdgeBalancer, EdgeProxyOptions, EdgeUpstream } from './local/edge-proxy.js';
export { EdgeProxy } from './local/edge-proxy.js';
export type { LocalProviderEvent, LocalProviderOptions } from './local/local-options.js';
export { LocalProvider } from './local/local-provider.js';
export { RpsCounter } from './local/rps-counter.js';
export type { CreateMachineOptions, Machine, MachineHealth, MachineState, Provider } from './provider.js';
export { SETTLED_STATES } from './provider.js';
export { executeStep } from './reconcile/execute-step.js';
export type { ReconcileInput } from './reconcile/reconcile.js';
export { DEFAULT_MAX_STEPS, isInTransition, reconcile } from './reconcile/reconcile.js';
export type { ReconcileAction, ReconcileStep } from './reconcile/reconcile-step.js';
