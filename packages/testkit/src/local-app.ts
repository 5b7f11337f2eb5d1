import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

/**
 * Path of the fixture app that local-provider tests run as a child process:
 * a node http server with /healthz whose behaviour the `FIXTURE_*`
 * environment variables change (see the file's header).
 */
export const LOCAL_APP = fileURLToPath(new URL('../fixtures/local-app/server.mjs', import.meta.url));

/** A range of `size` ports on 127.0.0.1 (best effort: its first port was free a moment ago). */
export async function freePortRange(size = 20): Promise<[number, number]> {
  const base = await freePort();
  const lo = Math.min(base, 65535 - size);
  return [lo, lo + size - 1];
}

/**
 * Local provider options (a `LocalProviderOptions` of `@governor/providers/local`)
 * that run the fixture app with fast timings, on a fresh port range.
 */
export async function localAppOptions() {
  return {
    command: process.execPath,
    args: [LOCAL_APP],
    portRange: await freePortRange(),
    stopGracePeriod: 1_000,
    bootPollInterval: 25,
    bootTimeout: 5_000,
    healthInterval: 100,
    unhealthyThreshold: 2,
  };
}
