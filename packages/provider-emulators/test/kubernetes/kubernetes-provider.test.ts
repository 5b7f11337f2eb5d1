import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGovernorError } from '@governor/errors';
import { isRetryable } from '@governor/providers';
import { KubernetesProvider, type KubernetesProviderOptions } from '@governor/providers/kubernetes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeEmulator } from '../../src/kubernetes/kube-emulator-types.js';
import { startKubernetesEmulator } from '../../src/kubernetes/start-kubernetes-emulator.js';

let emu: KubeEmulator;
beforeEach(async () => {
  emu = await startKubernetesEmulator({
    deployments: [{ namespace: 'prod', name: 'web', replicas: 2 }],
    rolloutMs: 2_000,
  });
});
afterEach(async () => {
  await emu.close();
});

function provider(extra: Partial<KubernetesProviderOptions> = {}) {
  return new KubernetesProvider({
    apiServer: emu.url,
    token: () => emu.token,
    namespace: 'prod',
    backoffBaseMs: 10,
    ...extra,
  });
}

const states = async (p: KubernetesProvider) => (await p.list('web')).map((m) => `${m.id}:${m.state}`);

describe('KubernetesProvider', () => {
  it('lists one pseudo-machine per replica, starting or stopping while status catches up with spec', async () => {
    const p = provider();
    expect(await states(p)).toEqual(['web-0:started', 'web-1:started']);
    const created = await p.create('web', { region: 'prod' });
    expect(created.id).toBe('web-2');
    expect(await states(p)).toEqual(['web-0:started', 'web-1:started', 'web-2:starting']);
    await p.destroy('web', 'web-2');
    await p.destroy('web', 'web-1');
    expect(emu.state.scale('prod', 'web')?.spec.replicas).toBe(1);
    expect((await p.list('web')).every((m) => m.region === 'prod')).toBe(true);
  });

  it('patches the scale subresource with a merge-patch carrying the resourceVersion it read', async () => {
    const rv = emu.state.scale('prod', 'web')?.metadata.resourceVersion;
    await provider().create('web', { region: 'prod' });
    const patch = emu.state.requests.find((r) => r.method === 'PATCH');
    expect(patch).toMatchObject({ path: '/apis/apps/v1/namespaces/prod/deployments/web/scale', status: 200 });
    expect(patch?.contentType).toBe('application/merge-patch+json');
    expect(emu.state.scale('prod', 'web')?.metadata.resourceVersion).not.toBe(rv);
  });

  it('the emulator answers a stale resourceVersion with a 409 Conflict Status', async () => {
    const rv = emu.state.scale('prod', 'web')?.metadata.resourceVersion;
    emu.faults.concurrentWrite('prod', 'web', 3);
    const res = await fetch(`${emu.url}/apis/apps/v1/namespaces/prod/deployments/web/scale`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { resourceVersion: rv }, spec: { replicas: 5 } }),
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Conflict',
      code: 409,
    });
  });

  it('re-reads and recomputes after a conflict instead of overwriting', async () => {
    emu.faults.inject({ status: 409, method: 'PATCH', count: 1 });
    await provider().create('web', { region: 'prod' });
    // First the HorizontalPodAutoscaler check, then read-patch, and after the conflict read-patch again.
    expect(emu.state.requests[0]?.path).toBe('/apis/autoscaling/v2/namespaces/prod/horizontalpodautoscalers');
    expect(emu.state.requests.slice(1).map((r) => `${r.method}:${r.status}`)).toEqual([
      'GET:200',
      'PATCH:409',
      'GET:200',
      'PATCH:200',
    ]);
    expect(emu.state.scale('prod', 'web')?.spec.replicas).toBe(3);
  });

  it('destroy is idempotent: a replica index at or past spec is a no-op', async () => {
    const p = provider();
    await p.destroy('web', 'web-1');
    await p.destroy('web', 'web-1');
    expect(emu.state.scale('prod', 'web')?.spec.replicas).toBe(1);
  });

  it('converges through 429 and 500 answers, and gives up after maxAttempts', async () => {
    emu.faults.inject({ status: 429, count: 2 });
    emu.faults.inject({ status: 500, count: 1 });
    await provider({ maxAttempts: 5 }).create('web', { region: 'prod' });
    expect(emu.state.scale('prod', 'web')?.spec.replicas).toBe(3);
    emu.faults.inject({ status: 503, count: 100 });
    const before = emu.state.requests.length;
    const err = await provider({ maxAttempts: 3 })
      .list('web')
      .catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_RETRIES_EXHAUSTED')).toBe(true);
    expect(isRetryable(err)).toBe(true);
    expect(emu.state.requests.length - before).toBe(3);
  });

  it('reports a missing deployment as not found and a bad token as auth, without leaking the token', async () => {
    const missing = await provider()
      .list('nope')
      .catch((e: unknown) => e);
    expect(isGovernorError(missing, 'GOV_PROVIDER_NOT_FOUND')).toBe(true);
    const bad = await provider({ token: () => 'wrong-token' })
      .list('web')
      .catch((e: unknown) => e);
    expect(isGovernorError(bad, 'GOV_PROVIDER_AUTH')).toBe(true);
    const p = provider();
    expect(JSON.stringify(p)).not.toContain(emu.token);
    expect(`${String(missing)} ${JSON.stringify(missing)}`).not.toContain(emu.token);
  });

  it('refuses a warm-pool create and a foreign region', async () => {
    const p = provider();
    const warm = await p.create('web', { region: 'prod', skipLaunch: true }).catch((e: unknown) => e);
    expect(isGovernorError(warm, 'GOV_PROVIDER_INVALID')).toBe(true);
    const region = await p.create('web', { region: 'ams' }).catch((e: unknown) => e);
    expect(isGovernorError(region, 'GOV_PROVIDER_INVALID')).toBe(true);
    expect(emu.state.scale('prod', 'web')?.spec.replicas).toBe(2);
  });

  it('uses the mounted service account token and namespace when none is configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'governor-sa-'));
    try {
      writeFileSync(join(dir, 'token'), `${emu.token}\n`);
      writeFileSync(join(dir, 'namespace'), 'prod');
      const p = new KubernetesProvider({ apiServer: emu.url, serviceAccountDir: dir, deployment: 'web' });
      expect(await states(p)).toEqual(['web-0:started', 'web-1:started']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
