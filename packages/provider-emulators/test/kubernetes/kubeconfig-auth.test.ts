import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGovernorError } from '@governor/errors';
import { KubernetesProvider } from '@governor/providers/kubernetes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { KubeEmulator } from '../../src/kubernetes/kube-emulator-types.js';
import { startKubernetesEmulator } from '../../src/kubernetes/start-kubernetes-emulator.js';

let dir: string;
let emu: KubeEmulator;
const pem = (f: string) => readFileSync(join(dir, f), 'utf8');
const b64 = (f: string) => Buffer.from(pem(f)).toString('base64');
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });

/** A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA. */
function makePki(): void {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=test-ca',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
  );
  for (const [name, subj, ext] of [
    ['server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1'],
    ['client', '/CN=governor/O=governor', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      subj,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
    );
    writeFileSync(join(dir, `${name}.ext`), `${ext}\n`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    );
  }
}

/** Writes a kubeconfig with one cluster and the given users/contexts; returns its path. */
function kubeconfig(
  name: string,
  current: string,
  users: Record<string, unknown>,
  namespaces: Record<string, string> = {},
): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': current,
      clusters: [{ name: 'emu', cluster: { server: emu.url, 'certificate-authority': 'ca.crt' } }],
      users: Object.entries(users).map(([n, user]) => ({ name: n, user })),
      contexts: Object.keys(users).map((u) => ({
        name: u,
        context: { cluster: 'emu', user: u, namespace: namespaces[u] ?? 'prod' },
      })),
    }),
  );
  return path;
}

const lastRequest = () => emu.state.requests.at(-1);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'governor-kubeconfig-'));
  makePki();
  emu = await startKubernetesEmulator({
    deployments: [
      { namespace: 'prod', name: 'web', replicas: 2 },
      { namespace: 'prod', name: 'api', replicas: 1 },
    ],
    hpas: [{ namespace: 'prod', name: 'api-hpa', deployment: 'api' }],
    tls: { key: pem('server.key'), cert: pem('server.crt'), clientCa: pem('ca.crt') },
  });
});
afterAll(async () => {
  await emu?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Kubernetes provider with a kubeconfig', () => {
  it("uses the current context: its server, CA file (relative to the kubeconfig), namespace and the user's bearer token", async () => {
    const file = kubeconfig('token.yaml', 'ops', { ops: { token: emu.token } });
    const p = new KubernetesProvider({ kubeconfig: file, deployment: 'web' });
    const machines = await p.list('web');
    expect(machines.map((m) => m.id)).toEqual(['web-0', 'web-1']);
    expect(machines[0]?.region).toBe('prod');
    expect(lastRequest()).toMatchObject({
      path: '/apis/apps/v1/namespaces/prod/deployments/web/scale',
      auth: 'token',
    });
  });

  it('authenticates with client certificates (`-data` fields) of a context chosen by name', async () => {
    const file = kubeconfig('certs.yaml', 'ops', {
      ops: { token: 'not-this-one' },
      robot: { 'client-certificate-data': b64('client.crt'), 'client-key-data': b64('client.key') },
    });
    const p = new KubernetesProvider({ kubeconfig: file, context: 'robot', deployment: 'web' });
    await p.create('web', { region: 'prod' });
    expect(emu.state.scale('prod', 'web')?.spec.replicas).toBe(3);
    expect(lastRequest()).toMatchObject({ method: 'PATCH', auth: 'x509' });
  });

  it('runs an exec plugin (as kubectl does), passes KUBERNETES_EXEC_INFO, and reuses its credential until it expires', async () => {
    const plugin = join(dir, 'plugin.mjs');
    const calls = join(dir, 'plugin-calls.log');
    writeFileSync(
      plugin,
      `import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(calls)}, process.env.KUBERNETES_EXEC_INFO + '\\n');
const expires = new Date(Date.now() + Number(process.env.TTL_MS)).toISOString();
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',
  status: { token: process.env.TOKEN, expirationTimestamp: expires } }));`,
    );
    const exec = (ttlMs: number) => ({
      apiVersion: 'client.authentication.k8s.io/v1',
      command: process.execPath,
      args: [plugin],
      env: [
        { name: 'TOKEN', value: emu.token },
        { name: 'TTL_MS', value: String(ttlMs) },
      ],
    });
    const long = new KubernetesProvider({
      kubeconfig: kubeconfig('exec.yaml', 'sso', { sso: { exec: exec(3_600_000) } }),
      deployment: 'web',
    });
    await long.list('web');
    await long.list('web');
    const lines = readFileSync(calls, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      kind: 'ExecCredential',
      apiVersion: 'client.authentication.k8s.io/v1',
    });
    expect(lastRequest()?.auth).toBe('token');
    // A credential expiring within a minute is refreshed before each use.
    const short = new KubernetesProvider({
      kubeconfig: kubeconfig('exec-short.yaml', 'sso', { sso: { exec: exec(10_000) } }),
      deployment: 'web',
    });
    await short.list('web');
    await short.list('web');
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('reads a tokenFile at each call (projected tokens rotate)', async () => {
    writeFileSync(join(dir, 'sa-token'), 'stale');
    const p = new KubernetesProvider({
      kubeconfig: kubeconfig('tokenfile.yaml', 'sa', { sa: { tokenFile: 'sa-token' } }),
      deployment: 'web',
    });
    const err = await p.list('web').catch((e: unknown) => e);
    expect(isGovernorError(err) && err.code).toBe('GOV_PROVIDER_AUTH');
    writeFileSync(join(dir, 'sa-token'), `${emu.token}\n`);
    expect(await p.list('web')).not.toHaveLength(0);
  });

  it('names the file and the missing entry when the kubeconfig is wrong, and fails an exec plugin clearly', async () => {
    const file = kubeconfig('bad.yaml', 'nowhere', { ops: { token: emu.token } });
    expect(() => new KubernetesProvider({ kubeconfig: file })).toThrow(
      `kubeconfig ${file}: no context named "nowhere"`,
    );
    const broken = kubeconfig('broken-exec.yaml', 'x', {
      x: { exec: { command: process.execPath, args: ['-e', 'process.exit(3)'] } },
    });
    const err = await new KubernetesProvider({ kubeconfig: broken, deployment: 'web' })
      .list('web')
      .catch((e: unknown) => e);
    expect(isGovernorError(err) && err.code).toBe('GOV_PROVIDER_AUTH');
    expect(String((err as Error).message)).toMatch(/exec plugin .* exited 3/);
  });
});

describe('Kubernetes provider and a HorizontalPodAutoscaler on the same Deployment', () => {
  it('refuses to scale it, naming the HPA, and sends no write', async () => {
    const file = kubeconfig('hpa.yaml', 'ops', { ops: { token: emu.token } });
    const p = new KubernetesProvider({ kubeconfig: file, deployment: 'api' });
    const writes = () => emu.state.requests.filter((r) => r.method !== 'GET').length;
    const before = writes();
    const err = await p.create('api', { region: 'prod' }).catch((e: unknown) => e);
    expect(isGovernorError(err) && err.code).toBe('GOV_PROVIDER_HPA_CONFLICT');
    expect(String((err as Error).message)).toContain('HorizontalPodAutoscaler prod/api-hpa');
    expect(writes()).toBe(before);
    expect(emu.state.scale('prod', 'api')?.spec.replicas).toBe(1);
  });

  it('scales a Deployment no HPA targets in the same namespace', async () => {
    const file = kubeconfig('hpa-other.yaml', 'ops', { ops: { token: emu.token } });
    const p = new KubernetesProvider({ kubeconfig: file, deployment: 'web' });
    const before = emu.state.scale('prod', 'web')?.spec.replicas ?? 0;
    await p.create('web', { region: 'prod' });
    expect(emu.state.scale('prod', 'web')?.spec.replicas).toBe(before + 1);
  });
});
