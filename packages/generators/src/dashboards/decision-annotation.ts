import { AUTOSCALER_METRICS } from '@governor/telemetry';
import type { PromAnnotation } from './dashboard-spec.js';

/**
 * Scale-up and scale-down decisions as annotations on every time series,
 * optionally for one app (a `$app` variable or a literal name).
 */
export function decisionAnnotation(app?: string): PromAnnotation {
  const appMatcher = app === undefined ? '' : `app="${app}",`;
  return {
    name: 'Scaling decisions',
    expr:
      `sum by (app, outcome) (increase(${AUTOSCALER_METRICS.decisions.name}` +
      `{${appMatcher}outcome=~"scale_up|scale_down"}[$__interval])) > 0`,
    color: 'orange',
    tagKeys: 'app,outcome',
    titleFormat: '{{app}}: {{outcome}}',
    textFormat: 'Decision of the autoscaler; see `governor decide` or /v1/apps/{{app}}/decisions for why.',
  };
}
