import { listenExposureProblem } from '../listen-exposure.js';
import type { ParseContext } from '../schema/parse-context.js';
import { type RootValues, valid } from './rule-input.js';

/** A local provider's port range runs upwards. */
export function checkProviders(values: RootValues, ctx: ParseContext): void {
  const providers = valid(values.providers) ?? {};
  for (const [name, provider] of Object.entries(providers)) {
    if (provider.type !== 'local') continue;
    const [from, to] = provider.portRange;
    if (from > to) {
      ctx.reportAt(
        'GOV_CONFIG_RANGE',
        ['providers', name, 'portRange'],
        `the port range [${from}, ${to}] runs backwards; write the lower port first`,
      );
    }
  }
}

/** A non-loopback `daemon.listen` needs `daemon.apiToken` or `daemon.publicReads: true`. */
export function checkListen(values: RootValues, ctx: ParseContext): void {
  const daemon = valid(values.daemon);
  if (daemon === undefined) return;
  const problem = listenExposureProblem({
    listen: daemon.listen,
    apiToken: daemon.apiToken !== undefined,
    publicReads: daemon.publicReads === true,
  });
  if (problem !== undefined) ctx.reportAt('GOV_CONFIG_LISTEN_EXPOSED', ['daemon', 'listen'], problem);
}
