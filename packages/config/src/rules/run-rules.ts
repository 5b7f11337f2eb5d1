import type { ParseContext } from '../schema/parse-context.js';
import { checkBounds } from './bounds-rules.js';
import { checkListen, checkProviders } from './provider-rules.js';
import { checkReferences } from './reference-rules.js';
import { requiredSecrets } from './required-secrets.js';
import type { RootValues } from './rule-input.js';
import { checkSchedules } from './schedule-rules.js';
import { checkSteps } from './step-rules.js';
import { checkTargets } from './target-rules.js';
import { checkTimingAndMode } from './timing-rules.js';

/** Options of {@link runRules}. */
export interface RuleOptions {
  /** Report required secrets whose variable is unset. */
  readonly checkEnv: boolean;
}

/** Runs every cross-field rule on the sections that passed the schema. */
export function runRules(values: RootValues, ctx: ParseContext, options: RuleOptions): void {
  checkTimingAndMode(values, ctx);
  checkBounds(values, ctx);
  checkProviders(values, ctx);
  checkListen(values, ctx);
  checkTargets(values, ctx);
  checkSteps(values, ctx);
  checkSchedules(values, ctx);
  checkReferences(values, ctx);
  if (!options.checkEnv) return;
  for (const secret of requiredSecrets(values)) {
    if (secret.ref.present) continue;
    ctx.reportAt(
      'GOV_CONFIG_ENV_UNSET',
      secret.path,
      `environment variable ${secret.ref.env} is not set (needed because ${secret.reason})`,
    );
  }
}
