import { LocalProvider } from '@governor/providers/local';
import { freePortRange, LOCAL_APP } from '@governor/testkit';
import { providerContractSuite } from './provider-contract-suite.js';

providerContractSuite('local (child processes)', async () => {
  // The fixture app with fast timings, as the local provider's own tests run it.
  const provider = new LocalProvider({
    command: process.execPath,
    args: [LOCAL_APP],
    portRange: await freePortRange(),
    stopGracePeriod: 1_000,
    bootPollInterval: 25,
    bootTimeout: 5_000,
    healthInterval: 100,
    unhealthyThreshold: 2,
  });
  return {
    provider,
    app: 'web',
    region: 'local',
    tick: () => new Promise((r) => setTimeout(r, 25)),
  };
});
