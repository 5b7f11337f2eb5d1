import { freePortRange, LOCAL_APP } from '@governor/testkit';
import type { LocalProviderOptions } from '../../src/local/local-options.js';

/** Local provider options that run the fixture app with fast timings. */
export async function localAppOptions(
  extra: Partial<LocalProviderOptions> = {},
): Promise<LocalProviderOptions> {
  return {
    command: process.execPath,
    args: [LOCAL_APP],
    portRange: await freePortRange(),
    stopGracePeriod: 1_000,
    bootPollInterval: 25,
    bootTimeout: 5_000,
    healthInterval: 100,
    unhealthyThreshold: 2,
    ...extra,
  };
}
