import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import type { SecretRef } from '@governor/config';
import { PermanentProviderError, type ProviderError, RetryableProviderError } from '../errors.js';
import { type KubeConnection, type KubeCredentials, loadKubeconfig } from './kubeconfig.js';

/** Where a pod's service account credentials are mounted. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Options of {@link KubeClient}. */
export interface KubeClientOptions {
  /** API server URL. Default `https://kubernetes.default.svc`. */
  readonly apiServer?: string;
  /** Bearer token; default: `<serviceAccountDir>/token`, read at each call (tokens rotate). */
  readonly token?: SecretRef | (() => string | undefined);
  /** Service account mount. Default {@link SERVICE_ACCOUNT_DIR}. */
  readonly serviceAccountDir?: string;
  /** PEM CA bundle for https; default `<serviceAccountDir>/ca.crt` when present. */
  readonly ca?: string;
  /** Timeout of one request (ms). Default 10000. */
  readonly timeoutMs?: number;
  /**
   * A kubeconfig file: its context (`context`, else `current-context`) gives
   * the API server, CA, namespace and credentials (token, token file, client
   * certificate or exec plugin) instead of the in-cluster service account.
   */
  readonly kubeconfig?: string;
  /** Context of `kubeconfig`. Default: its `current-context`. */
  readonly context?: string;
  /** Clock (ms): exec credential expiry, `createdAt` of created replicas. Default `Date.now`. */
  readonly now?: () => number;
}

/** A Kubernetes API response. */
export interface KubeResponse {
  readonly status: number;
  readonly body: Record<string, unknown> | undefined;
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Maps a failed response (a `Status` object) to a typed provider error. */
export function kubeError(method: string, path: string, res: KubeResponse): ProviderError {
  const message = typeof res.body?.message === 'string' ? res.body.message : `HTTP ${res.status}`;
  const reason = typeof res.body?.reason === 'string' ? res.body.reason : undefined;
  const details = { status: res.status, method, path, ...(reason ? { reason } : {}) };
  const msg = `kubernetes ${method} ${path}: ${res.status} ${message}`;
  if (res.status === 401 || res.status === 403)
    return new PermanentProviderError('GOV_PROVIDER_AUTH', msg, { details });
  if (res.status === 404) return new PermanentProviderError('GOV_PROVIDER_NOT_FOUND', msg, { details });
  if (res.status === 409) return new RetryableProviderError('GOV_PROVIDER_CONFLICT', msg, { details });
  if (res.status === 429) return new RetryableProviderError('GOV_PROVIDER_RATE_LIMITED', msg, { details });
  if (res.status >= 500 || res.status === 0)
    return new RetryableProviderError('GOV_PROVIDER_UNAVAILABLE', msg, { details });
  return new PermanentProviderError('GOV_PROVIDER_INVALID', msg, { details });
}

/**
 * A minimal Kubernetes API client (JSON over http/https): in-cluster (the
 * service account's token and CA), or from a kubeconfig context (bearer
 * token, client certificate or exec plugin). Never logs a credential.
 */
export class KubeClient {
  private readonly base: URL;
  private readonly saDir: string;
  private readonly kube: KubeConnection | undefined;

  constructor(private readonly o: KubeClientOptions) {
    this.kube = o.kubeconfig ? loadKubeconfig(o.kubeconfig, o.context, o.now) : undefined;
    this.base = new URL(this.kube?.server ?? o.apiServer ?? 'https://kubernetes.default.svc');
    this.saDir = o.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  }

  /** The namespace of the kubeconfig context, when it names one. */
  get contextNamespace(): string | undefined {
    return this.kube?.namespace;
  }

  /** Sends one request; network failures come back as status 0. */
  async send(
    method: 'GET' | 'PATCH' | 'PUT',
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<KubeResponse> {
    const creds = await this.credentials();
    const url = new URL(path, this.base);
    const https = url.protocol === 'https:';
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (creds.token) headers.authorization = `Bearer ${creds.token}`;
    if (payload !== undefined) {
      headers['content-type'] = contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const ca = https
      ? (this.o.ca ?? (this.kube ? this.kube.ca : readOptional(join(this.saDir, 'ca.crt'))))
      : undefined;
    const tls = {
      ...(ca ? { ca } : {}),
      ...(creds.cert && creds.key ? { cert: creds.cert, key: creds.key } : {}),
      ...(this.kube?.insecure ? { rejectUnauthorized: false } : {}),
    };
    const request = https ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const req = request(
        url,
        { method, headers, timeout: this.o.timeoutMs ?? 10_000, ...(https ? tls : {}) },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            let parsed: Record<string, unknown> | undefined;
            try {
              parsed = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
            } catch {
              parsed = { message: text.slice(0, 500) };
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', (err) => resolve({ status: 0, body: { message: err.message } }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', (err) => resolve({ status: 0, body: { message: err.message } }));
      req.end(payload);
    });
  }

  private async credentials(): Promise<KubeCredentials> {
    if (this.o.token === undefined && this.kube) {
      const c = await this.kube.credentials();
      if (!c.token && !(c.cert && c.key)) {
        throw new PermanentProviderError(
          'GOV_PROVIDER_AUTH',
          `kubeconfig ${this.o.kubeconfig}: the context's user has no token, client certificate or exec plugin`,
        );
      }
      return c;
    }
    return { token: this.token() };
  }

  private token(): string {
    const t = this.o.token;
    const value =
      t === undefined ? readOptional(join(this.saDir, 'token')) : typeof t === 'function' ? t() : t.reveal();
    if (!value) {
      throw new PermanentProviderError(
        'GOV_PROVIDER_AUTH',
        t === undefined || typeof t === 'function'
          ? `no Kubernetes token (configure one or mount a service account at ${this.saDir})`
          : `Kubernetes token (${t.env}) is not set`,
      );
    }
    return value;
  }

  /** Never reveals the token. */
  toJSON(): Record<string, unknown> {
    return {
      apiServer: this.base.toString(),
      ...(this.o.kubeconfig ? { kubeconfig: this.o.kubeconfig } : {}),
    };
  }
}
