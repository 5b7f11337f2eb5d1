import { LocalProvider } from '@governor/providers/local';
import { localAppOptions } from '@governor/testkit';
import { providerContractSuite } from './provider-contract-suite.js';

providerContractSuite('local (child processes)', async () => {
  const provider = new LocalProvider(await localAppOptions());
  return {
    provider,
    app: 'web',
    region: 'local',
    tick: () => new Promise((r) => setTimeout(r, 25)),
  };
});
