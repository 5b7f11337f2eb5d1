import { freePortRange, LOCAL_APP } from '@governor/testkit';
import { describe, expect, it } from 'vitest';
import { createProvider, edgeProxyFor } from '../src/create-provider.js';
import { LocalProvider } from '../src/local/local-provider.js';

describe('createProvider', () => {
  it('builds a local provider, and an edge proxy in front of one of its apps', async () => {
    const p = createProvider({
      type: 'local',
      name: 'local',
      command: process.execPath,
      args: [LOCAL_APP],
      env: {},
      portRange: await freePortRange(),
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
