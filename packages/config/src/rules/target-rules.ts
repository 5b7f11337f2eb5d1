import type { ParseContext } from '../schema/parse-context.js';
import { type Loose, type RootValues, validApps } from './rule-input.js';

/** Exactly one of two fields per target type that offers a choice. */
const ONE_OF: Record<string, readonly [string, string]> = {
  query: ['perMachine', 'value'],
  queue: ['queue', 'list'],
};

function checkOneOf(target: Loose, at: (string | number)[], ctx: ParseContext): void {
  const pair = ONE_OF[target.type as string];
  if (pair === undefined) return;
  const [a, b] = pair;
  const count = (target[a] === undefined ? 0 : 1) + (target[b] === undefined ? 0 : 1);
  if (count === 1) return;
  ctx.reportAt(
    'GOV_CONFIG_TARGET',
    count === 0 ? at : [...at, b],
    `a "${String(target.type)}" target needs exactly one of ${a} and ${b}`,
  );
}

/** What makes a target unique in its app, and the field a duplicate is reported at. */
function targetKey(target: Loose): { key: string; field: string } {
  if (target.type === 'custom') return { key: `custom metric "${String(target.metric)}"`, field: 'metric' };
  if (target.type === 'query') return { key: `query "${String(target.name)}"`, field: 'name' };
  if (target.type === 'queue') {
    const field = target.queue === undefined ? 'list' : 'queue';
    return { key: `queue ${field} "${String(target[field])}"`, field };
  }
  return { key: `"${String(target.type)}"`, field: 'type' };
}

/** At least one target per app; each metric type at most once (custom, query, queue: each name once). */
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
      checkOneOf(target, ['apps', index, 'targets', t], ctx);
      const { key, field } = targetKey(target);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, t);
        return;
      }
      ctx.reportAt(
        'GOV_CONFIG_DUPLICATE',
        ['apps', index, 'targets', t, field],
        `target ${key} is already defined by targets[${first}]`,
      );
    });
  }
}
