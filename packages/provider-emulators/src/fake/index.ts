export type { BootOutcome, FailureRule, FakeProviderOptions, FakeSeed, ProviderOp } from './fake-options.js';
export { FakeProvider } from './fake-provider.js';
