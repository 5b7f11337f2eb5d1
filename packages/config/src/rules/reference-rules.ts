import type { ParseContext } from '../schema/parse-context.js';
import { suggest } from '../suggest.js';
import { type Loose, type RootValues, valid, validApps } from './rule-input.js';

/** Provider and receiver references exist; app and receiver names are unique; fly regions are declared. */
export function checkReferences(values: RootValues, ctx: ParseContext): void {
  const providers = valid<Record<string, Loose>>(values.providers);
  const alerting = valid(values.alerting);
  const receivers = new Map<string, number>();
  if (alerting !== undefined) {
    (alerting.receivers as Loose[]).forEach((receiver, r) => {
      const name = receiver.name as string;
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
    const name = app.name as string | undefined;
    const first = name === undefined ? undefined : apps.get(name);
    if (name !== undefined && first !== undefined) {
      ctx.reportAt(
        'GOV_CONFIG_DUPLICATE',
        [...at, 'name'],
        `app "${name}" is already defined by apps[${first}]`,
      );
    } else if (name !== undefined) apps.set(name, index);
    if (providers !== undefined && typeof app.provider === 'string') checkProvider(app, at, providers, ctx);
    if (values.alerting !== undefined && alerting === undefined) continue;
    const wanted = ((app.alerts as Loose | undefined)?.receivers as string[] | undefined) ?? [];
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
  app: Loose,
  at: (string | number)[],
  providers: Record<string, Loose>,
  ctx: ParseContext,
): void {
  const name = app.provider as string;
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
  const regions = provider.regions as string[];
  for (const region of Object.keys((app.regions as Loose | undefined) ?? {})) {
    if (regions.includes(region)) continue;
    ctx.reportAt(
      'GOV_CONFIG_REFERENCE',
      [...at, 'regions', region],
      `region "${region}" is not among the regions of provider "${name}" (${regions.join(', ')})`,
      suggest(region, regions),
    );
  }
}
