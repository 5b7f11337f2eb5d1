import type { SecretRef } from '@governor/config';
import { describe, expect, it } from 'vitest';
import { createProvider, edgeProxyFor } from '../src/create-provider.js';
import { startFlyEmulator } from '../src/emulators/fly/start-fly-emulator.js';
import { startKubernetesEmulator } from '../src/emulators/kubernetes/start-kubernetes-emulator.js';
import { LocalProvider } from '../src/local/local-provider.js';
import { webConfig } from './support/fly-template.js';
import { LOCAL_APP, portRange } from './support/local-app.js';

function secret(value: string): SecretRef {
  return {
    env: 'TEST_TOKEN',
    present: true,
    reveal: () => value,
    toString: () => '${TEST_TOKEN}',
    toJSON: () => '${TEST_TOKEN}',
  };
}

describe('createProvider', () => {
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

  it('builds a local provider, and an edge proxy in front of one of its apps', async () => {
    const p = createProvider({
      type: 'local',
      name: 'local',
      command: process.execPath,
      args: [LOCAL_APP],
      env: {},
      portRange: await portRange(),
      healthPath: '/healthz',
      metricsPath: '/metrics',
      stopGracePeriod: 1_000,
      region: 'local',
    });
    expect(p).toBeInstanceOf(LocalProvider);
    const proxy = edgeProxyFor(p as LocalProvider, 'web', '127.0.0.1:0');
    try {
      const addr = await proxy.listen();
      const m = await p.create('web', { region: 'local' });
      for (let i = 0; i < 200 && (p as LocalProvider).healthyAddresses('web').length === 0; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(await (await fetch(`http://${addr}/`)).text()).toContain(`instance=${m.id}`);
    } finally {
      await proxy.close();
      await p.close();
    }
  });
});
