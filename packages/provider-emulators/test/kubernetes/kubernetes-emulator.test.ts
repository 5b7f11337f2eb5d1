import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeEmulator, KubeScale } from '../../src/kubernetes/kube-emulator-types.js';
import { startKubernetesEmulator } from '../../src/kubernetes/start-kubernetes-emulator.js';

let emu: KubeEmulator;
beforeEach(async () => {
  emu = await startKubernetesEmulator({ deployments: [{ namespace: 'prod', name: 'web', replicas: 2 }] });
});
afterEach(async () => {
  await emu.close();
});

const PATH = '/apis/apps/v1/namespaces/prod/deployments/web/scale';

async function api(
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/merge-patch+json',
) {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${emu.token}`,
      ...(body !== undefined ? { 'content-type': contentType } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('Kubernetes API emulator (deployments/scale)', () => {
  it('serves the autoscaling/v1 Scale object', async () => {
    const { status, body } = await api('GET', PATH);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'web', namespace: 'prod', resourceVersion: expect.any(String) },
      spec: { replicas: 2 },
      status: { replicas: 2, selector: 'app=web' },
    });
  });

  it('answers errors as Status objects: 401, 404 with details, 415, 422', async () => {
    const unauth = await fetch(`${emu.url}${PATH}`);
    expect(unauth.status).toBe(401);
    expect(await unauth.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect(await api('GET', '/apis/apps/v1/namespaces/prod/deployments/nope/scale')).toEqual({
      status: 404,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'deployments.apps "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', group: 'apps', kind: 'deployments' },
        code: 404,
      },
    });
    const jsonPatch = await api(
      'PATCH',
      PATH,
      [{ op: 'replace', path: '/spec/replicas', value: 3 }],
      'application/json-patch+json',
    );
    expect(jsonPatch).toMatchObject({ status: 415, body: { reason: 'UnsupportedMediaType' } });
    expect(await api('PATCH', PATH, { spec: { replicas: -1 } })).toMatchObject({
      status: 422,
      body: { reason: 'Invalid' },
    });
  });

  it('merge-patches without a resourceVersion, and checks one when given (PATCH and PUT)', async () => {
    expect((await api('PATCH', PATH, { spec: { replicas: 4 } })).body).toMatchObject({
      spec: { replicas: 4 },
    });
    const current = (await api('GET', PATH)).body as KubeScale;
    const stale = {
      ...current,
      metadata: { ...current.metadata, resourceVersion: '1' },
      spec: { replicas: 1 },
    };
    expect(await api('PUT', PATH, stale, 'application/json')).toMatchObject({
      status: 409,
      body: { reason: 'Conflict' },
    });
    const fresh = { ...current, spec: { replicas: 1 } };
    expect((await api('PUT', PATH, fresh, 'application/json')).body).toMatchObject({ spec: { replicas: 1 } });
    expect(emu.state.scale('prod', 'web')?.spec.replicas).toBe(1);
  });
});
