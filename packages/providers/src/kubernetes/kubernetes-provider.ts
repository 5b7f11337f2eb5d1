import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fullJitterBackoff, sleep } from '@governor/runtime';
import { PermanentProviderError, type ProviderError, RetryableProviderError } from '../errors.js';
import type { CreateMachineOptions, Machine, Provider } from '../provider.js';
import {
  KubeClient,
  type KubeClientOptions,
  type KubeResponse,
  kubeError,
  SERVICE_ACCOUNT_DIR,
} from './kube-client.js';

/** Options of {@link KubernetesProvider}. */
export interface KubernetesProviderOptions extends KubeClientOptions {
  /** Namespace; default: the service account's namespace file, else `default`. */
  readonly namespace?: string;
  /** Deployment to scale; default: the app name passed to each call. */
  readonly deployment?: string;
  /** Region reported for pseudo-machines. Default: the namespace. */
  readonly region?: string;
  /** Attempts per operation (409 conflicts, 429, 5xx, network). Default 5. */
  readonly maxAttempts?: number;
  /** First backoff step (ms), doubling, full jitter. Default 100. */
  readonly backoffBaseMs?: number;
  /** Largest backoff step (ms). Default 2000. */
  readonly backoffMaxMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

interface Hpa {
  readonly metadata?: { readonly name?: string };
  readonly spec?: { readonly scaleTargetRef?: { readonly kind?: string; readonly name?: string } };
}

interface Scale {
  readonly metadata: { readonly resourceVersion: string; readonly creationTimestamp?: string };
  readonly spec: { readonly replicas?: number };
  readonly status: { readonly replicas?: number };
}

const fieldsOf = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v } : {};
const numberOrUndefined = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** The fields of a `Scale` response body that the provider reads; absent ones stay undefined. */
function scaleOf(body: Record<string, unknown> | undefined): Scale {
  const metadata = fieldsOf(body?.metadata);
  const created = metadata.creationTimestamp;
  return {
    metadata: {
      resourceVersion: String(metadata.resourceVersion ?? ''),
      ...(typeof created === 'string' ? { creationTimestamp: created } : {}),
    },
    spec: { replicas: numberOrUndefined(fieldsOf(body?.spec).replicas) },
    status: { replicas: numberOrUndefined(fieldsOf(body?.status).replicas) },
  };
}

/**
 * A Deployment behind the Provider contract, through its `scale`
 * subresource. A Deployment has no stopped replicas, so:
 * - `list` returns one pseudo-machine `<deployment>-<i>` per replica:
 *   `started` while i < min(spec, status), `starting` for replicas the spec
 *   asks for that status does not report yet, `stopping` for the reverse.
 * - `create` is spec+1 (the new id is `<deployment>-<old spec>`);
 *   `destroy`, `stop` and `suspend` of `<deployment>-<i>` are spec-1 when
 *   i < spec and a no-op otherwise (so repeating them is safe); Kubernetes
 *   picks which pod goes. `start` of an existing replica is a no-op.
 * - `create` with `skipLaunch` (a warm pool) is refused: keep `warmPool: 0`.
 * Writes carry the resourceVersion they were computed from; a 409 conflict
 * re-reads and recomputes, within `maxAttempts`. Before every write it
 * checks that no HorizontalPodAutoscaler targets the Deployment, and refuses
 * (`GOV_PROVIDER_HPA_CONFLICT`) when one does.
 */
export class KubernetesProvider implements Provider {
  readonly kind = 'kubernetes';
  private readonly client: KubeClient;
  private readonly namespace: string;

  constructor(private readonly o: KubernetesProviderOptions) {
    this.client = new KubeClient(o);
    this.namespace =
      o.namespace ??
      this.client.contextNamespace ??
      (o.kubeconfig ? undefined : readNamespace(o.serviceAccountDir ?? SERVICE_ACCOUNT_DIR)) ??
      'default';
  }

  async list(app: string): Promise<Machine[]> {
    const dep = this.deployment(app);
    const scale = await this.read(dep);
    const spec = scale.spec.replicas ?? 0;
    const status = scale.status.replicas ?? 0;
    const createdAt = scale.metadata.creationTimestamp ? Date.parse(scale.metadata.creationTimestamp) : 0;
    const out: Machine[] = [];
    for (let i = 0; i < Math.max(spec, status); i++) {
      const state = i < Math.min(spec, status) ? 'started' : i < spec ? 'starting' : 'stopping';
      out.push({ id: `${dep}-${i}`, app, region: this.region(), state, createdAt, health: 'unknown' });
    }
    return out;
  }

  async create(app: string, options: CreateMachineOptions): Promise<Machine> {
    if (options.skipLaunch === true) {
      throw new PermanentProviderError(
        'GOV_PROVIDER_INVALID',
        'a Deployment cannot hold stopped replicas (skipLaunch)',
        {
          details: { app },
        },
      );
    }
    if (options.region !== this.region()) {
      throw new PermanentProviderError(
        'GOV_PROVIDER_INVALID',
        `this Deployment runs in region ${this.region()} only`,
        {
          details: { app, region: options.region },
        },
      );
    }
    const dep = this.deployment(app);
    let index = 0;
    await this.update(dep, (spec) => {
      index = spec;
      return spec + 1;
    });
    return {
      id: `${dep}-${index}`,
      app,
      region: this.region(),
      state: 'starting',
      createdAt: (this.o.now ?? Date.now)(),
      health: 'unknown',
    };
  }

  async start(app: string, id: string): Promise<void> {
    const dep = this.deployment(app);
    const i = this.index(dep, app, id);
    const scale = await this.read(dep);
    if (i >= (scale.spec.replicas ?? 0)) {
      throw new PermanentProviderError('GOV_PROVIDER_NOT_FOUND', `replica ${id} does not exist`, {
        details: { app, id },
      });
    }
  }

  async stop(app: string, id: string): Promise<void> {
    await this.destroy(app, id);
  }

  async suspend(app: string, id: string): Promise<void> {
    await this.destroy(app, id);
  }

  async destroy(app: string, id: string): Promise<void> {
    const dep = this.deployment(app);
    const i = this.index(dep, app, id);
    await this.update(dep, (spec) => (i < spec ? spec - 1 : undefined));
  }

  async close(): Promise<void> {}

  private deployment(app: string): string {
    return this.o.deployment ?? app;
  }

  private region(): string {
    return this.o.region ?? this.namespace;
  }

  private path(dep: string): string {
    return `/apis/apps/v1/namespaces/${encodeURIComponent(this.namespace)}/deployments/${encodeURIComponent(dep)}/scale`;
  }

  private index(dep: string, app: string, id: string): number {
    const m = new RegExp(`^${dep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(id);
    if (!m) {
      throw new PermanentProviderError('GOV_PROVIDER_NOT_FOUND', `machine ${id} is not a replica of ${dep}`, {
        details: { app, id },
      });
    }
    return Number(m[1]);
  }

  private async read(dep: string): Promise<Scale> {
    return this.retrying<Scale>(dep, 'GET', async () => {
      const res = await this.client.send('GET', this.path(dep));
      return res.status === 200 ? { done: scaleOf(res.body) } : { res };
    });
  }

  /**
   * Refuses to manage a Deployment that a HorizontalPodAutoscaler also
   * scales: two autoscalers writing one replica count fight each other.
   */
  private async refuseHpaTarget(dep: string): Promise<void> {
    const path = `/apis/autoscaling/v2/namespaces/${encodeURIComponent(this.namespace)}/horizontalpodautoscalers`;
    const list = await this.retrying<{ items?: Hpa[] }>(dep, 'GET', async () => {
      const res = await this.client.send('GET', path);
      return res.status === 200 ? { done: res.body as { items?: Hpa[] } } : { res };
    });
    const hpa = (list.items ?? []).find(
      (h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec.scaleTargetRef.name === dep,
    );
    if (hpa) {
      const name = hpa.metadata?.name ?? '?';
      throw new PermanentProviderError(
        'GOV_PROVIDER_HPA_CONFLICT',
        `kubernetes: Deployment ${this.namespace}/${dep} is also scaled by HorizontalPodAutoscaler ` +
          `${this.namespace}/${name}; Governor will not fight it. Delete the HPA (kubectl delete hpa ${name} ` +
          `-n ${this.namespace}) or leave this app to the HPA (remove it from the policy or set mode: shadow).`,
        { details: { namespace: this.namespace, deployment: dep, hpa: name } },
      );
    }
  }

  /** Read-compute-write with the read's resourceVersion; `next` returns undefined for "nothing to do". */
  private async update(dep: string, next: (spec: number) => number | undefined): Promise<void> {
    await this.refuseHpaTarget(dep);
    await this.retrying<undefined>(dep, 'PATCH', async () => {
      const got = await this.client.send('GET', this.path(dep));
      if (got.status !== 200) return { res: got };
      const scale = scaleOf(got.body);
      const n = next(scale.spec.replicas ?? 0);
      if (n === undefined) return { done: undefined };
      const patch = { metadata: { resourceVersion: scale.metadata.resourceVersion }, spec: { replicas: n } };
      const res = await this.client.send('PATCH', this.path(dep), patch, 'application/merge-patch+json');
      return res.status === 200 ? { done: undefined } : { res };
    });
  }

  private async retrying<T>(
    dep: string,
    method: string,
    attempt: () => Promise<{ done: T } | { res: KubeResponse }>,
  ): Promise<T> {
    const max = this.o.maxAttempts ?? 5;
    const wait = this.o.sleep ?? ((ms: number) => sleep(ms));
    const policy = { baseMs: this.o.backoffBaseMs ?? 100, maxMs: this.o.backoffMaxMs ?? 2_000 };
    let last: ProviderError | undefined;
    for (let i = 1; i <= max; i++) {
      const r = await attempt();
      if ('done' in r) return r.done;
      last = kubeError(method, this.path(dep), r.res);
      if (!(last instanceof RetryableProviderError)) throw last;
      if (i === max) break;
      // A conflict means someone else wrote: re-read at once; throttling and errors back off.
      if (r.res.status !== 409) {
        await wait(fullJitterBackoff(i, policy, this.o.random ?? Math.random));
      }
    }
    throw new RetryableProviderError(
      'GOV_PROVIDER_RETRIES_EXHAUSTED',
      `kubernetes ${method} ${this.path(dep)}: gave up after ${max} attempts (${last?.message ?? ''})`,
      { cause: last, details: { attempts: max } },
    );
  }
}

function readNamespace(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, 'namespace'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
