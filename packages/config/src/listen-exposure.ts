/** The host part of `host:port` (`[::1]:9470` -> `::1`). */
export function listenHost(listen: string): string {
  const host = listen.slice(0, Math.max(0, listen.lastIndexOf(':')));
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** Whether `host` only accepts connections from this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** What decides whether the API may listen beyond loopback. */
export interface ListenExposure {
  /** `daemon.listen` (or its override): `host:port`. */
  readonly listen: string;
  /** Whether `daemon.apiToken` is configured. */
  readonly apiToken: boolean;
  /** `daemon.publicReads`. */
  readonly publicReads: boolean;
}

/**
 * Why the API must not listen on `listen`, or undefined when it may. Reads
 * are unauthenticated and `/v1/decisions?full=true` shows every policy and
 * its inputs, so a non-loopback address needs `daemon.apiToken`, or
 * `daemon.publicReads: true` to open the reads on purpose.
 */
export function listenExposureProblem(exposure: ListenExposure): string | undefined {
  const host = listenHost(exposure.listen);
  if (exposure.apiToken || exposure.publicReads || isLoopbackHost(host)) return undefined;
  return (
    `"${exposure.listen}" is not a loopback address and daemon.apiToken is not set: ` +
    'the read API (status, decisions with their policy and inputs) would be open to the network. ' +
    'Set daemon.apiToken, listen on 127.0.0.1, or set daemon.publicReads: true to open reads on purpose'
  );
}
