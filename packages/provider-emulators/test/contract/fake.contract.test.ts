import { FakeProvider } from '../../src/fake/fake-provider.js';
import { providerContractSuite } from './provider-contract-suite.js';

providerContractSuite('fake', async () => {
  let t = 1_000;
  const provider = new FakeProvider({
    now: () => t,
    bootTime: 3_000,
    startTime: 500,
    resumeTime: 200,
    stopTime: 1_000,
  });
  return {
    provider,
    app: 'web',
    region: 'ams',
    tick: async () => {
      t += 250;
    },
  };
});
