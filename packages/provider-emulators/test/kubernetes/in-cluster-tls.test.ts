import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGovernorError } from '@governor/errors';
import { KubernetesProvider } from '@governor/providers/kubernetes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeEmulator } from '../../src/kubernetes/kube-emulator-types.js';
import { startKubernetesEmulator } from '../../src/kubernetes/start-kubernetes-emulator.js';

let dir: string;
let sa: string;
let emu: KubeEmulator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'governor-kube-tls-'));
  sa = join(dir, 'serviceaccount');
  execFileSync('mkdir', ['-p', sa]);
  // A self-signed certificate for 127.0.0.1, standing in for the cluster CA.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  emu = await startKubernetesEmulator({
    deployments: [{ namespace: 'prod', name: 'web', replicas: 3 }],
    tls: { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert },
  });
  writeFileSync(join(sa, 'token'), emu.token);
  writeFileSync(join(sa, 'namespace'), 'prod');
  writeFileSync(join(sa, 'ca.crt'), cert);
});

afterAll(async () => {
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('KubernetesProvider in cluster', () => {
  it('talks https to the API server, trusting the service account CA, token and namespace', async () => {
    expect(emu.url.startsWith('https://127.0.0.1:')).toBe(true);
    const p = new KubernetesProvider({ apiServer: emu.url, serviceAccountDir: sa, deployment: 'web' });
    expect((await p.list('web')).map((m) => m.id)).toEqual(['web-0', 'web-1', 'web-2']);
    await p.destroy('web', 'web-2');
    expect(emu.state.scale('prod', 'web')?.spec.replicas).toBe(2);
  });

  it('refuses a server whose certificate the CA does not vouch for', async () => {
    const other = join(dir, 'other');
    execFileSync('mkdir', ['-p', other]);
    writeFileSync(join(other, 'token'), emu.token);
    const p = new KubernetesProvider({
      apiServer: emu.url,
      serviceAccountDir: other,
      namespace: 'prod',
      deployment: 'web',
      maxAttempts: 2,
      backoffBaseMs: 1,
    });
    const err = await p.list('web').catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_PROVIDER_RETRIES_EXHAUSTED')).toBe(true);
    expect((err as Error).message).toMatch(/certificate/);
  });
});
