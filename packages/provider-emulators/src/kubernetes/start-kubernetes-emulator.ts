import { randomBytes, randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { KubeEmulator, KubeEmulatorOptions, KubeFault, KubeScale } from './kube-emulator-types.js';

interface Dep {
  scale: KubeScale;
  /** status.replicas before the last change, and when it changed. */
  from: number;
  changedAt: number;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

function status(reply: FastifyReply, code: number, message: string, details?: Record<string, unknown>) {
  return reply.code(code).send({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: REASONS[code] ?? 'Unknown',
    ...(details ? { details } : {}),
    code,
  });
}

const SCALE_PATH = '/apis/apps/v1/namespaces/:ns/deployments/:name/scale';
type ScaleParams = { ns: string; name: string };

/**
 * Starts an emulator of the Kubernetes API for `deployments/scale` on
 * 127.0.0.1: GET, PATCH (merge-patch) and PUT, resourceVersion conflicts
 * (409), NotFound (404), Unauthorized (401), all errors as Status objects;
 * lists HorizontalPodAutoscalers (autoscaling/v2); authenticates a bearer
 * token or, over https with `tls.clientCa`, a client certificate.
 */
export async function startKubernetesEmulator(options: KubeEmulatorOptions = {}): Promise<KubeEmulator> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const now = options.now ?? Date.now;
  const rollout = options.rolloutMs ?? 100;
  let rv = 1000;
  const deps = new Map<string, Dep>();
  const key = (ns: string, name: string) => `${ns}/${name}`;
  for (const d of options.deployments ?? [{ namespace: 'default', name: 'web' }]) {
    const replicas = d.replicas ?? 1;
    deps.set(key(d.namespace, d.name), {
      scale: {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: {
          name: d.name,
          namespace: d.namespace,
          uid: randomUUID(),
          resourceVersion: String(++rv),
          creationTimestamp: new Date(now()).toISOString(),
        },
        spec: { replicas },
        status: { replicas, selector: `app=${d.name}` },
      },
      from: replicas,
      changedAt: now(),
    });
  }
  const settle = (d: Dep): KubeScale => {
    const done = now() - d.changedAt >= rollout;
    d.scale.status.replicas = done ? d.scale.spec.replicas : d.from;
    return d.scale;
  };
  const setReplicas = (d: Dep, n: number) => {
    d.from = settle(d).status.replicas;
    d.changedAt = now();
    d.scale.spec.replicas = n;
    d.scale.metadata.resourceVersion = String(++rv);
  };
  const requests: {
    method: string;
    path: string;
    status: number;
    contentType?: string;
    auth?: 'token' | 'x509';
  }[] = [];
  const authOf = new WeakMap<object, 'token' | 'x509'>();
  const faults: { fault: KubeFault; left: number }[] = [];

  // The https instance differs from the http one only in its server type; the routes are the same.
  const tls = options.tls;
  const app = (
    tls
      ? Fastify({
          logger: false,
          https: {
            key: tls.key,
            cert: tls.cert,
            // Ask for a client certificate; an unsigned or missing one falls back to the bearer token.
            ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: false } : {}),
          },
        })
      : Fastify({ logger: false })
  ) as FastifyInstance;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addHook('onRequest', async (req, reply) => {
    const socket = req.raw.socket as { authorized?: boolean };
    if (req.headers.authorization === `Bearer ${token}`) authOf.set(req, 'token');
    else if (tls?.clientCa && socket.authorized === true) authOf.set(req, 'x509');
    else return status(reply, 401, 'Unauthorized');
    const hit = faults.find((f) => f.left > 0 && (!f.fault.method || f.fault.method === req.method));
    if (!hit) return;
    hit.left--;
    return status(reply, hit.fault.status, `injected fault ${hit.fault.status}`);
  });
  app.addHook('onResponse', async (req, reply) => {
    const ct = req.headers['content-type'];
    requests.push({
      method: req.method,
      path: req.url,
      status: reply.statusCode,
      ...(ct ? { contentType: ct } : {}),
      ...(authOf.has(req) ? { auth: authOf.get(req) } : {}),
    });
  });
  app.setNotFoundHandler((req, reply) =>
    status(reply, 404, `the server could not find the requested resource (${req.url})`),
  );

  type Req = { params: ScaleParams; body: unknown };
  const find = (req: Req, reply: FastifyReply): Dep | undefined => {
    const d = deps.get(key(req.params.ns, req.params.name));
    if (!d) {
      void status(reply, 404, `deployments.apps "${req.params.name}" not found`, {
        name: req.params.name,
        group: 'apps',
        kind: 'deployments',
      });
    }
    return d;
  };
  const write = (req: Req, reply: FastifyReply, d: Dep, body: Record<string, unknown>) => {
    const meta = (body.metadata ?? {}) as Record<string, unknown>;
    const spec = (body.spec ?? {}) as Record<string, unknown>;
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== d.scale.metadata.resourceVersion) {
      return status(
        reply,
        409,
        `Operation cannot be fulfilled on deployments.apps "${req.params.name}": the object has been modified; please apply your changes to the latest version and try again`,
        { name: req.params.name, group: 'apps', kind: 'deployments' },
      );
    }
    if (spec.replicas !== undefined) {
      const n = spec.replicas;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
        return status(
          reply,
          422,
          `Scale.autoscaling "${req.params.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(n)}: must be greater than or equal to 0`,
        );
      }
      if (n !== d.scale.spec.replicas) setReplicas(d, n);
    }
    return reply.send(settle(d));
  };
  const parse = (req: Req, reply: FastifyReply): Record<string, unknown> | undefined => {
    try {
      const v = JSON.parse(String(req.body ?? ''));
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // fall through
    }
    void status(reply, 400, 'the request body is not a JSON object');
    return undefined;
  };

  app.get<{ Params: { ns: string } }>(
    '/apis/autoscaling/v2/namespaces/:ns/horizontalpodautoscalers',
    (req, reply) => {
      const ns = req.params.ns;
      const items = (options.hpas ?? [])
        .filter((h) => h.namespace === ns)
        .map((h) => ({
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: h.name, namespace: h.namespace },
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: h.deployment },
            minReplicas: 1,
            maxReplicas: 10,
          },
        }));
      return reply.send({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscalerList',
        metadata: { resourceVersion: String(rv) },
        items,
      });
    },
  );
  app.get<{ Params: ScaleParams }>(SCALE_PATH, (req, reply) => {
    const d = find(req, reply);
    return d ? reply.send(settle(d)) : undefined;
  });
  app.patch<{ Params: ScaleParams }>(SCALE_PATH, (req, reply) => {
    const ct = String(req.headers['content-type'] ?? '').split(';')[0];
    if (ct !== 'application/merge-patch+json' && ct !== 'application/strategic-merge-patch+json') {
      return status(
        reply,
        415,
        `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json`,
      );
    }
    const d = find(req, reply);
    const body = d && parse(req, reply);
    return d && body ? write(req, reply, d, body) : undefined;
  });
  app.put<{ Params: ScaleParams }>(SCALE_PATH, (req, reply) => {
    const d = find(req, reply);
    const body = d && parse(req, reply);
    return d && body ? write(req, reply, d, body) : undefined;
  });

  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  let closed = false;
  return {
    url,
    token,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
    },
    state: {
      scale: (ns, name) => {
        const d = deps.get(key(ns, name));
        return d ? structuredClone(settle(d)) : undefined;
      },
      requests,
    },
    faults: {
      inject(fault) {
        faults.push({ fault, left: fault.count ?? 1 });
      },
      concurrentWrite(ns, name, replicas) {
        const d = deps.get(key(ns, name));
        if (!d) throw new Error(`no deployment ${ns}/${name}`);
        if (replicas !== undefined && replicas !== d.scale.spec.replicas) setReplicas(d, replicas);
        else d.scale.metadata.resourceVersion = String(++rv);
      },
    },
  };
}
