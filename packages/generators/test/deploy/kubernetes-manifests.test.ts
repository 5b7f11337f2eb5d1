import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '@governor/config';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DIR = `${ROOT}deploy/kubernetes/`;

// biome-ignore lint/suspicious/noExplicitAny: manifests are free-form YAML checked field by field
type K = any;
const docs = (file: string): K[] =>
  parseAllDocuments(readFileSync(DIR + file, 'utf8')).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0]?.message}`);
    return d.toJS();
  });
const all = ['rbac.yaml', 'autoscaler.yaml', 'app-with-collector.yaml'].flatMap((f) =>
  docs(f).map((d) => ({ file: f, d })),
);
const find = (kind: string, name: string) =>
  all.find((x) => x.d.kind === kind && x.d.metadata?.name === name)?.d;

/** Every request path the Kubernetes provider sends, as RBAC sees it (group, resource, verb). */
const PROVIDER_NEEDS = [
  { group: 'apps', resource: 'deployments/scale', verb: 'get' },
  { group: 'apps', resource: 'deployments/scale', verb: 'patch' },
  { group: 'autoscaling', resource: 'horizontalpodautoscalers', verb: 'list' },
];

describe('deploy/kubernetes', () => {
  it('every document is a namespaced object with apiVersion, kind and name, all in one namespace', () => {
    for (const { file, d } of all) {
      expect(d.apiVersion, file).toMatch(/^(v1|apps\/v1|rbac\.authorization\.k8s\.io\/v1)$/);
      expect(d.metadata?.name, file).toMatch(/^[a-z0-9-]+$/);
      expect(d.metadata?.namespace, `${file} ${d.kind}`).toBe('shop');
    }
  });

  it('RBAC grants exactly what the provider calls, in the namespace only', () => {
    const role = find('Role', 'governor-autoscaler');
    const granted = role.rules.flatMap((r: K) =>
      r.apiGroups.flatMap((g: string) =>
        r.resources.flatMap((res: string) => r.verbs.map((v: string) => `${g}/${res}/${v}`)),
      ),
    );
    for (const n of PROVIDER_NEEDS) expect(granted).toContain(`${n.group}/${n.resource}/${n.verb}`);
    expect(granted.every((g: string) => /deployments\/scale|horizontalpodautoscalers/.test(g))).toBe(true);
    expect(all.some((x) => x.d.kind === 'ClusterRole' || x.d.kind === 'ClusterRoleBinding')).toBe(false);
    const binding = find('RoleBinding', 'governor-autoscaler');
    expect(binding.roleRef).toMatchObject({ kind: 'Role', name: 'governor-autoscaler' });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'governor-autoscaler', namespace: 'shop' },
    ]);
  });

  it('the provider source calls no API path the Role does not cover', () => {
    const src = ['kubernetes-provider.ts', 'kube-client.ts']
      .map((f) => readFileSync(`${ROOT}packages/providers/src/kubernetes/${f}`, 'utf8'))
      .join('\n');
    const paths = [
      ...src.matchAll(/`\/apis\/([a-z.]+)\/v\d+\/namespaces\/\$\{[^}]+\}\/([a-z/{}$().A-Za-z]+)`/g),
    ].map((m) => `${m[1]}/${(m[2] ?? '').replace(/\/\$\{encodeURIComponent\(dep\)\}/, '')}`);
    expect(paths.sort()).toEqual(['apps/deployments/scale', 'autoscaling/horizontalpodautoscalers']);
  });

  it('the autoscaler Deployment runs the image entry point as non-root under its service account, with probes', () => {
    const dep = find('Deployment', 'governor-autoscaler');
    const pod = dep.spec.template.spec;
    expect(dep.spec.selector.matchLabels).toEqual(dep.spec.template.metadata.labels);
    expect(pod.serviceAccountName).toBe(find('ServiceAccount', 'governor-autoscaler').metadata.name);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    const c = pod.containers[0];
    expect(c.command).toEqual(['node', 'dist/governor-autoscaler.mjs']);
    expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    expect(c.livenessProbe.httpGet.path).toBe('/healthz');
    expect(c.ports[0].containerPort).toBe(9470);
    expect(c.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
    });
    const mount = c.volumeMounts.find((m: K) => m.name === 'policy');
    const config = c.env.find((e: K) => e.name === 'GOVERNOR_CONFIG').value;
    expect(config.startsWith(`${mount.mountPath}/`)).toBe(true);
  });

  it('the policy in the ConfigMap is valid and scales the Deployment of app-with-collector.yaml in its namespace', () => {
    const policy = find('ConfigMap', 'governor-policy').data['governor.yaml'];
    const dir = mkdtempSync(join(tmpdir(), 'gov-k8s-'));
    try {
      writeFileSync(join(dir, 'governor.yaml'), policy);
      const loaded = loadConfigFile(join(dir, 'governor.yaml'), { checkEnv: false });
      expect(loaded.ok, JSON.stringify(loaded.ok ? [] : loaded.issues)).toBe(true);
      if (!loaded.ok) return;
      const provider = Object.values(loaded.config.providers)[0] as K;
      expect(provider).toMatchObject({ type: 'kubernetes', namespace: 'shop' });
      expect(find('Deployment', provider.deployment)).toBeDefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the app Deployment runs the collector as a sidecar scraping the app on localhost', () => {
    const pod = find('Deployment', 'web').spec.template.spec;
    const [app, collector] = pod.containers;
    expect(collector.command.slice(0, 2)).toEqual(['node', 'dist/governor-collector.mjs']);
    const targets = collector.env.find((e: K) => e.name === 'GOVERNOR_TARGETS').value;
    expect(targets).toBe(`http://127.0.0.1:${app.ports[0].containerPort}/metrics`);
    expect(collector.readinessProbe.httpGet.path).toBe('/readyz');
  });
});
