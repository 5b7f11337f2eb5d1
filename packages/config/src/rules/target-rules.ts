import type { ParseContext } from '../schema/parse-context.js';
import { type Loose, type RootValues, validApps } from './rule-input.js';

/** At least one target per app; each metric type at most once (custom: each metric name once). */
export function checkTargets(values: RootValues, ctx: ParseContext): void {
  for (const { app, index } of validApps(values, ['targets'])) {
    const targets = app.targets as Loose[] | undefined;
    if (targets === undefined) continue;
    if (targets.length === 0) {
      ctx.reportAt(
        'GOV_CONFIG_TARGET',
        ['apps', index, 'targets'],
        'an app needs at least one metric target',
      );
    }
    const seen = new Map<string, number>();
    targets.forEach((target, t) => {
      const key =
        target.type === 'custom' ? `custom metric "${String(target.metric)}"` : `"${String(target.type)}"`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, t);
        return;
      }
      const field = target.type === 'custom' ? 'metric' : 'type';
      ctx.reportAt(
        'GOV_CONFIG_DUPLICATE',
        ['apps', index, 'targets', t, field],
        `target ${key} is already defined by targets[${first}]`,
      );
    });
  }
}
