import type { ConfigValues } from '../config-types.js';
import type { ParseContext } from '../schema/parse-context.js';
import { suggest } from '../suggest.js';
import { type RootValues, type UsableApp, valid, validApps } from './rule-input.js';

/** Provider and receiver references exist; app and receiver names are unique; fly regions are declared. */
export function checkReferences(values: RootValues, ctx: ParseContext): void {
  const providers = valid(values.providers);
  const alerting = valid(values.alerting);
  const receivers = new Map<string, number>();
  if (alerting !== undefined) {
    alerting.receivers.forEach((receiver, r) => {
      const name = receiver.name;
      const first = receivers.get(name);
      if (first !== undefined) {
        ctx.reportAt(
          'GOV_CONFIG_DUPLICATE',
          ['alerting', 'receivers', r, 'name'],
          `receiver "${name}" is already defined by receivers[${first}]`,
        );
      } else receivers.set(name, r);
    });
  }
  const apps = new Map<string, number>();
  for (const { app, index } of validApps(values, ['name', 'provider', 'regions', 'alerts'])) {
    const at = ['apps', index];
    const name = app.name;
    const first = name === undefined ? undefined : apps.get(name);
    if (name !== undefined && first !== undefined) {
      ctx.reportAt(
        'GOV_CONFIG_DUPLICATE',
        [...at, 'name'],
        `app "${name}" is already defined by apps[${first}]`,
      );
    } else if (name !== undefined) apps.set(name, index);
    if (providers !== undefined && app.provider !== undefined) {
      checkProvider(app.provider, valid(app.regions), at, providers, ctx);
    }
    if (values.alerting !== undefined && alerting === undefined) continue;
    const wanted = app.alerts?.receivers ?? [];
    wanted.forEach((receiver, r) => {
      if (receivers.has(receiver)) return;
      const known = [...receivers.keys()];
      const where = known.length === 0 ? 'alerting.receivers is empty' : `known: ${known.join(', ')}`;
      ctx.reportAt(
        'GOV_CONFIG_REFERENCE',
        [...at, 'alerts', 'receivers', r],
        `receiver "${receiver}" is not defined (${where})`,
        suggest(receiver, known),
      );
    });
  }
}

function checkProvider(
  name: string,
  appRegions: UsableApp<'regions'>['regions'],
  at: (string | number)[],
  providers: ConfigValues['providers'],
  ctx: ParseContext,
): void {
  const provider = Object.hasOwn(providers, name) ? providers[name] : undefined;
  if (provider === undefined) {
    const known = Object.keys(providers);
    ctx.reportAt(
      'GOV_CONFIG_REFERENCE',
      [...at, 'provider'],
      `provider "${name}" is not defined under providers (known: ${known.join(', ') || 'none'})`,
      suggest(name, known),
    );
    return;
  }
  if (provider.type !== 'fly') return;
  const regions = provider.regions;
  for (const region of Object.keys(appRegions ?? {})) {
    if (regions.includes(region)) continue;
    ctx.reportAt(
      'GOV_CONFIG_REFERENCE',
      [...at, 'regions', region],
      `region "${region}" is not among the regions of provider "${name}" (${regions.join(', ')})`,
      suggest(region, regions),
    );
  }
}
