export type { ProviderError } from './errors.js';
export { isRetryable, PermanentProviderError, RetryableProviderError } from './errors.js';
export type { CreateMachineOptions, Machine, MachineHealth, MachineState, Provider } from './provider.js';
export { SETTLED_STATES } from './provider.js';
