import { isScalar, type Node } from 'yaml';
import { DURATION_PATTERN, MAX_TIMER_MS, parseDuration } from '../duration.js';
import type { FieldPath } from '../field-path.js';
import { describeNode } from './describe-node.js';
import type { ParseContext } from './parse-context.js';
import { INVALID, type JsonSchema, type Parsed, type SchemaNode, withDescription } from './schema-node.js';

/** Options of {@link durationNode}; bounds are in ms. */
export interface DurationOptions {
  description?: string;
  /** Must be above zero. Default false (zero allowed). */
  positive?: boolean;
  /**
   * Inclusive upper bound in ms. Default {@link MAX_TIMER_MS} (about 24.8
   * days), the longest delay a timer can wait; longer only for durations
   * that never reach a timer.
   */
  max?: number;
}

/** A duration written with a unit (`500ms`, `30s`, `5m`, `1h`, `1d`), parsed to ms. */
export function durationNode(options: DurationOptions = {}): SchemaNode<number> {
  const max = options.max ?? MAX_TIMER_MS;
  return {
    description: options.description,
    parse(node: Node | null, path: FieldPath, ctx: ParseContext): Parsed<number> {
      if (!isScalar(node) || typeof node.value !== 'string') {
        const unitless = isScalar(node) && typeof node.value === 'number';
        const message = unitless
          ? `${String(node.value)} has no unit: write a duration such as 500ms, 30s, 5m or 1h`
          : `expected a duration such as 30s, got ${describeNode(node)}`;
        ctx.report('GOV_CONFIG_DURATION', path, node, message);
        return INVALID;
      }
      let ms: number;
      try {
        ms = parseDuration(node.value);
      } catch (error) {
        ctx.report('GOV_CONFIG_DURATION', path, node, error instanceof Error ? error.message : String(error));
        return INVALID;
      }
      if (options.positive === true && ms <= 0) {
        ctx.report('GOV_CONFIG_RANGE', path, node, `must be longer than zero, got "${node.value}"`);
        return INVALID;
      }
      if (!(ms <= max)) {
        const why = max === MAX_TIMER_MS ? ' (the longest a timer can wait)' : '';
        ctx.report(
          'GOV_CONFIG_RANGE',
          path,
          node,
          `"${node.value}" is longer than the maximum ${formatMs(max)}${why}`,
        );
        return INVALID;
      }
      return ms;
    },
    jsonSchema(): JsonSchema {
      return withDescription({ type: 'string', pattern: DURATION_PATTERN }, options.description);
    },
    typeName(): string {
      const lower = options.positive === true ? '> 0, ' : '';
      return `duration ${lower}<= ${formatMs(max)}`;
    },
  };
}

/** `24d20h31m23.647s (2147483647ms)`: a bound for people, with the exact figure. */
function formatMs(ms: number): string {
  const d = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const text = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('');
  return `${text || '0s'} (${ms}ms)`;
}
