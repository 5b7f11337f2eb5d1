import type { MetricTarget } from '../config-types.js';
import type { ParseContext } from '../schema/parse-context.js';
import { type RootValues, validApps } from './rule-input.js';

/** The two fields of which a target type that offers a choice needs exactly one, and which are set. */
function choiceOf(target: MetricTarget): { names: readonly [string, string]; set: number } | undefined {
  const count = (...fields: unknown[]) => fields.filter((f) => f !== undefined).length;
  if (target.type === 'query') {
    return { names: ['perMachine', 'value'], set: count(target.perMachine, target.value) };
  }
  if (target.type === 'queue') return { names: ['queue', 'list'], set: count(target.queue, target.list) };
  return undefined;
}

function checkOneOf(target: MetricTarget, at: (string | number)[], ctx: ParseContext): void {
  const choice = choiceOf(target);
  if (choice === undefined || choice.set === 1) return;
  const [a, b] = choice.names;
  ctx.reportAt(
    'GOV_CONFIG_TARGET',
    choice.set === 0 ? at : [...at, b],
    `a "${target.type}" target needs exactly one of ${a} and ${b}`,
  );
}

/** What makes a target unique in its app, and the field a duplicate is reported at. */
function targetKey(target: MetricTarget): { key: string; field: string } {
  if (target.type === 'custom') return { key: `custom metric "${target.metric}"`, field: 'metric' };
  if (target.type === 'query') return { key: `query "${target.name}"`, field: 'name' };
  if (target.type === 'queue') {
    return target.queue === undefined
      ? { key: `queue list "${String(target.list)}"`, field: 'list' }
      : { key: `queue queue "${target.queue}"`, field: 'queue' };
  }
  return { key: `"${target.type}"`, field: 'type' };
}

/** At least one target per app; each metric type at most once (custom, query, queue: each name once). */
export function checkTargets(values: RootValues, ctx: ParseContext): void {
  for (const { app, index } of validApps(values, ['targets'])) {
    const targets = app.targets;
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
