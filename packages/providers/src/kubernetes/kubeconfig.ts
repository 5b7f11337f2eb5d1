import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { PermanentProviderError } from '../errors.js';
import { type ExecConfig, type ExecCredential, runExecPlugin } from './exec-credential.js';

/** Credentials for one request: a bearer token and/or a client certificate (PEM). */
export interface KubeCredentials {
  readonly token?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** Where and how to reach an API server, resolved from a kubeconfig context. */
export interface KubeConnection {
  readonly server: string;
  /** The context's namespace, when it names one. */
  readonly namespace?: string;
  /** PEM CA bundle (`certificate-authority` or `-data`). */
  readonly ca?: string;
  /** `insecure-skip-tls-verify`. */
  readonly insecure?: boolean;
  /** The user's credentials; exec plugins run on first use and again when their credential expires. */
  readonly credentials: () => Promise<KubeCredentials>;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function named(list: unknown, name: string, kind: string, file: string): Obj {
  const entry = Array.isArray(list) ? list.find((e) => isObj(e) && e.name === name) : undefined;
  const body = isObj(entry) ? entry[kind] : undefined;
  if (!isObj(body)) throw invalid(file, `no ${kind} named "${name}" (${kind}s[].name)`);
  return body;
}

function invalid(file: string, why: string): PermanentProviderError {
  return new PermanentProviderError('GOV_PROVIDER_AUTH', `kubeconfig ${file}: ${why}`, { details: { file } });
}

/** A PEM from `<field>-data` (base64) or `<field>` (a path, relative to the kubeconfig). */
function pem(o: Obj, field: string, base: string, file: string): string | undefined {
  const data = o[`${field}-data`];
  if (typeof data === 'string') return Buffer.from(data, 'base64').toString('utf8');
  const path = o[field];
  if (typeof path !== 'string') return undefined;
  try {
    return readFileSync(resolve(base, path), 'utf8');
  } catch (err) {
    throw invalid(file, `${field} ${path}: ${(err as Error).message}`);
  }
}

/** The exec plugin entry of a kubeconfig user (its `command` already checked to be a string). */
function execConfigOf(exec: Obj): ExecConfig {
  const env = Array.isArray(exec.env) ? exec.env.filter(isObj) : undefined;
  return {
    command: String(exec.command),
    ...(Array.isArray(exec.args) ? { args: exec.args.map(String) } : {}),
    ...(env ? { env: env.map((e) => ({ name: String(e.name), value: String(e.value) })) } : {}),
    ...(typeof exec.apiVersion === 'string' ? { apiVersion: exec.apiVersion } : {}),
  };
}

/**
 * Reads a kubeconfig file as kubectl does for one context (`context`, else
 * `current-context`): the cluster's server and CA, the context's namespace,
 * and the user's credentials: `token`, `tokenFile` (re-read on every call,
 * tokens rotate), `client-certificate`/`client-key` (files or `-data`), or
 * an `exec` plugin. Errors name the file and the missing entry. `now`
 * (ms, default `Date.now`) decides when an exec credential is due a refresh.
 */
export function loadKubeconfig(file: string, context?: string, now: () => number = Date.now): KubeConnection {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw invalid(file, (err as Error).message);
  }
  if (!isObj(doc)) throw invalid(file, 'not a kubeconfig (a YAML mapping)');
  const base = dirname(resolve(file));
  const ctxName =
    context ?? (typeof doc['current-context'] === 'string' ? doc['current-context'] : undefined);
  if (!ctxName) throw invalid(file, 'no context given and no current-context set');
  const ctx = named(doc.contexts, ctxName, 'context', file);
  const cluster = named(doc.clusters, String(ctx.cluster ?? ''), 'cluster', file);
  const user = ctx.user === undefined ? {} : named(doc.users, String(ctx.user), 'user', file);
  if (typeof cluster.server !== 'string')
    throw invalid(file, `cluster "${String(ctx.cluster)}" has no server`);
  const ca = pem(cluster, 'certificate-authority', base, file);
  const cert = pem(user, 'client-certificate', base, file);
  const key = pem(user, 'client-key', base, file);
  if (isObj(user.exec) && typeof user.exec.command !== 'string')
    throw invalid(file, `user "${String(ctx.user)}": exec has no command`);
  const exec = isObj(user.exec) ? execConfigOf(user.exec) : undefined;
  let cached: ExecCredential | undefined;
  const credentials = async (): Promise<KubeCredentials> => {
    if (exec) {
      // Refresh a minute before expiry, like client-go.
      if (!cached || (cached.expiresAt !== undefined && cached.expiresAt - now() < 60_000)) {
        cached = await runExecPlugin(exec, base);
      }
      return cached;
    }
    let token = typeof user.token === 'string' ? user.token : undefined;
    if (!token && typeof user.tokenFile === 'string') {
      try {
        token = readFileSync(resolve(base, user.tokenFile), 'utf8').trim();
      } catch (err) {
        throw invalid(file, `tokenFile ${user.tokenFile}: ${(err as Error).message}`);
      }
    }
    return { ...(token ? { token } : {}), ...(cert && key ? { cert, key } : {}) };
  };
  return {
    server: cluster.server,
    ...(typeof ctx.namespace === 'string' ? { namespace: ctx.namespace } : {}),
    ...(ca ? { ca } : {}),
    ...(cluster['insecure-skip-tls-verify'] === true ? { insecure: true } : {}),
    credentials,
  };
}
