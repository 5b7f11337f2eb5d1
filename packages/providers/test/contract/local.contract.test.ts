import { LocalProvider } from '../../src/local/local-provider.js';
import { localAppOptions } from '../support/local-app.js';
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
