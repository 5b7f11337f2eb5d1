import { fileURLToPath } from 'node:url';
import { freePort } from '@governor/testkit';
import type { LocalProviderOptions } from '../../src/local/local-options.js';

/** Path of the fixture app (a node http server with /healthz). */
export const LOCAL_APP = fileURLToPath(new URL('../fixtures/local-app/server.mjs', import.meta.url));

/** A free port range of `size` ports on 127.0.0.1 (best effort: checked free a moment ago). */
export async function portRange(size = 20): Promise<[number, number]> {
  const base = await freePort();
  const lo = Math.min(base, 65535 - size);
  return [lo, lo + size - 1];
}

/** Local provider options that run the fixture app with fast timings. */
export async function localAppOptions(
  extra: Partial<LocalProviderOptions> = {},
): Promise<LocalProviderOptions> {
  return {
    command: process.execPath,
    args: [LOCAL_APP],
    portRange: await portRange(),
    stopGracePeriod: 1_000,
    bootPollInterval: 25,
    bootTimeout: 5_000,
    healthInterval: 100,
    unhealthyThreshold: 2,
    ...extra,
  };
}
