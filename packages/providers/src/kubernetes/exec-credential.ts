import { spawn } from 'node:child_process';
import { PermanentProviderError } from '../errors.js';

/** A kubeconfig `users[].user.exec` entry (client.authentication.k8s.io). */
export interface ExecConfig {
  readonly command: string;
  readonly args?: readonly string[];
  readonly env?: readonly { readonly name: string; readonly value: string }[];
  readonly apiVersion?: string;
}

/** What an exec plugin returned: a token or a client certificate, and until when. */
export interface ExecCredential {
  readonly token?: string;
  readonly cert?: string;
  readonly key?: string;
  /** ms since the epoch; undefined: valid until the API server rejects it. */
  readonly expiresAt?: number;
}

/**
 * Runs a kubeconfig exec plugin (aws eks get-token, gke-gcloud-auth-plugin,
 * kubelogin...) as kubectl does: `KUBERNETES_EXEC_INFO` describes the
 * request, stdout is an ExecCredential whose `status` holds a token or a
 * client certificate. Never logs the credential.
 */
export function runExecPlugin(exec: ExecConfig, cwd: string, timeoutMs = 30_000): Promise<ExecCredential> {
  const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries((exec.env ?? []).map((e) => [e.name, e.value])),
    KUBERNETES_EXEC_INFO: JSON.stringify({
      apiVersion,
      kind: 'ExecCredential',
      spec: { interactive: false },
    }),
  };
  const fail = (why: string) =>
    new PermanentProviderError('GOV_PROVIDER_AUTH', `kubeconfig exec plugin ${exec.command}: ${why}`);
  return new Promise((resolve, reject) => {
    const child = spawn(exec.command, [...(exec.args ?? [])], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    timer.unref();
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(fail(e.message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(fail(`exited ${signal ?? code}: ${err.trim().slice(0, 300)}`));
        return;
      }
      let status: Record<string, unknown> | undefined;
      try {
        status = (JSON.parse(out) as { status?: Record<string, unknown> }).status;
      } catch {
        reject(fail('did not print an ExecCredential (JSON)'));
        return;
      }
      const str = (k: string) => (typeof status?.[k] === 'string' ? (status[k] as string) : undefined);
      const token = str('token');
      const cert = str('clientCertificateData');
      const key = str('clientKeyData');
      if (!token && !(cert && key)) {
        reject(fail('its ExecCredential has neither status.token nor a client certificate and key'));
        return;
      }
      const exp = str('expirationTimestamp');
      resolve({
        ...(token ? { token } : {}),
        ...(cert && key ? { cert, key } : {}),
        ...(exp ? { expiresAt: Date.parse(exp) } : {}),
      });
    });
  });
}
