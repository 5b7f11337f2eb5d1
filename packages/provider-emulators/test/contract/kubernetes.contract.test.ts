import { KubernetesProvider } from '@governor/providers/kubernetes';
import { startKubernetesEmulator } from '../../src/kubernetes/start-kubernetes-emulator.js';
import { providerContractSuite } from './provider-contract-suite.js';

providerContractSuite(
  'kubernetes (deployment scale subresource, against the API emulator)',
  async () => {
    const emu = await startKubernetesEmulator({
      deployments: [{ namespace: 'prod', name: 'web', replicas: 0 }],
      rolloutMs: 60,
    });
    const provider = new KubernetesProvider({
      apiServer: emu.url,
      token: () => emu.token,
      namespace: 'prod',
    });
    return {
      provider,
      app: 'web',
      region: 'prod',
      tick: () => new Promise((r) => setTimeout(r, 25)),
      cleanup: () => emu.close(),
    };
  },
  { stop: false, suspend: false, skipLaunch: false },
);
