import { FlyProvider } from '@governor/providers/fly';
import { startFlyEmulator } from '../../src/fly/start-fly-emulator.js';
import { webConfig } from '../support/fly-template.js';
import { providerContractSuite } from './provider-contract-suite.js';

providerContractSuite('fly (against the Machines API emulator)', async () => {
  const emu = await startFlyEmulator({
    apps: ['web'],
    timings: { boot: 80, start: 40, resume: 20, stop: 40, suspend: 40, destroy: 20, health: 20 },
  });
  const provider = new FlyProvider({ apiUrl: emu.url, token: () => emu.token, template: webConfig() });
  return {
    provider,
    app: 'web',
    region: 'ams',
    tick: () => new Promise((r) => setTimeout(r, 25)),
    cleanup: () => emu.close(),
  };
});
