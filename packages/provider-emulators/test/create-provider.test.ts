import type { SecretRef } from '@governor/config';
import { createProvider } from '@governor/providers';
import { describe, expect, it } from 'vitest';
import { startFlyEmulator } from '../src/fly/start-fly-emulator.js';
import { startKubernetesEmulator } from '../src/kubernetes/start-kubernetes-emulator.js';
import { webConfig } from './support/fly-template.js';

function secret(value: string): SecretRef {
  return {
    env: 'TEST_TOKEN',
    present: true,
    reveal: () => value,
    toString: () => '${TEST_TOKEN}',
    toJSON: () => '${TEST_TOKEN}',
  };
}

describe('createProvider against the API emulators', () => {
  it('builds a Fly provider that talks to the configured API URL with the secret token', async () => {
    const emu = await startFlyEmulator();
    try {
      const id = emu.seedMachine({ app: 'web', region: 'ams', config: webConfig() });
      const p = createProvider({
        type: 'fly',
        name: 'fly',
        org: 'personal',
        app: 'web',
        token: secret(emu.token),
        regions: ['ams'],
        processGroup: 'app',
        apiUrl: emu.url,
      });
      expect(p.kind).toBe('fly');
      expect((await p.list('web')).map((m) => m.id)).toEqual([id]);
      await p.close();
    } finally {
      await emu.close();
    }
  });

  it('builds a Kubernetes provider for the configured deployment', async () => {
    const emu = await startKubernetesEmulator({
      deployments: [{ namespace: 'prod', name: 'api', replicas: 1 }],
    });
    try {
      const p = createProvider({
        type: 'kubernetes',
        name: 'k8s',
        apiServer: emu.url,
        namespace: 'prod',
        deployment: 'api',
        token: secret(emu.token),
      });
      expect((await p.list('any-app-name')).map((m) => m.id)).toEqual(['api-0']);
    } finally {
      await emu.close();
    }
  });
});
