import { localAppOptions as fixtureOptions } from '@governor/testkit';
import type { LocalProviderOptions } from '../../src/local/local-options.js';

/** Local provider options that run the fixture app with fast timings, changed by `extra`. */
export async function localAppOptions(
  extra: Partial<LocalProviderOptions> = {},
): Promise<LocalProviderOptions> {
  return { ...(await fixtureOptions()), ...extra };
}
