import type { ParseContext } from '../schema/parse-context.js';
import { type RootValues, validApps } from './rule-input.js';

const FRACTION_METRICS = new Set(['cpu', 'memory', 'errors']);

/** A step has a condition, a non-zero change, a name where needed, and thresholds in the metric's unit. */
export function checkSteps(values: RootValues, ctx: ParseContext): void {
  for (const { app, index } of validApps(values, ['steps'])) {
    app.steps?.forEach((step, s) => {
      const at = ['apps', index, 'steps', s];
      const metric = step.metric;
      if (step.above === undefined && step.below === undefined) {
        ctx.reportAt('GOV_CONFIG_MISSING_KEY', at, 'a step needs "above" or "below"');
      }
      if (step.change === 0) ctx.reportAt('GOV_CONFIG_RANGE', [...at, 'change'], 'change must not be 0');
      if (metric === 'custom' && step.name === undefined) {
        ctx.reportAt('GOV_CONFIG_MISSING_KEY', [...at, 'name'], 'a custom step needs the metric "name"');
      }
      if (metric === 'latency' && step.name !== undefined && !['p50', 'p90', 'p99'].includes(step.name)) {
        ctx.reportAt(
          'GOV_CONFIG_ENUM',
          [...at, 'name'],
          `"${String(step.name)}" is not one of "p50", "p90", "p99"`,
        );
      }
      if (!['custom', 'latency'].includes(metric) && step.name !== undefined) {
        ctx.reportAt('GOV_CONFIG_TARGET', [...at, 'name'], `"name" applies only to custom and latency steps`);
      }
      for (const side of ['above', 'below'] as const) {
        const value = step[side];
        if (value !== undefined && FRACTION_METRICS.has(metric) && value > 1) {
          ctx.reportAt(
            'GOV_CONFIG_RANGE',
            [...at, side],
            `${value} is above 100% for ${metric}; write a percentage such as 80%`,
          );
        }
      }
    });
  }
}
