export type { ProviderDeps } from './create-provider.js';
export { createProvider } from './create-provider.js';
export type { ProviderError } from './errors.js';
export { isRetryable, PermanentProviderError, RetryableProviderError } from './errors.js';
export type { CreateMachineOptions, Machine, MachineHealth, MachineState, Provider } from './provider.js';
export { executeStep } from './reconcile/execute-step.js';
export type { ReconcileInput } from './reconcile/reconcile.js';
export { reconcile } from './reconcile/reconcile.js';
export type { ReconcileAction, ReconcileStep } from './reconcile/reconcile-step.js';
