import type { GovernorConfig } from '@governor/config';
import { alertGroups } from './alerts/alert-groups.js';
import { renderRuleFile } from './alerts/render-rules.js';
import { renderRuleTestFile } from './alerts/render-tests.js';
import { appDetail } from './dashboards/app-detail.js';
import { autoscalerHealth } from './dashboards/autoscaler-health.js';
import { buildDashboard } from './dashboards/build-dashboard.js';
import { fleetOverview } from './dashboards/fleet-overview.js';

/** One generated file: a path relative to the output root and its exact content. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** Options of {@link generateArtifacts}. */
export interface GenerateOptions {
  /**
   * How the config file is named in "generated, do not edit" headers
   * (repo-relative, so that output does not depend on the checkout path).
   * Default `the policy file`.
   */
  readonly source?: string;
}

/**
 * Every artifact of a config, in a stable order: `alerts/<group>.yml`,
 * `alerts/tests/<group>.test.yml` and `dashboards/<name>.json`. Pure: the
 * same config always renders the same bytes.
 */
export function generateArtifacts(config: GovernorConfig, options: GenerateOptions = {}): GeneratedFile[] {
  const source = options.source ?? 'the policy file';
  const files: GeneratedFile[] = [];
  for (const group of alertGroups(config)) {
    files.push({ path: `alerts/${group.file}.yml`, content: renderRuleFile(group, source) });
    files.push({ path: `alerts/tests/${group.file}.test.yml`, content: renderRuleTestFile(group, source) });
  }
  const dashboards = [
    ['fleet-overview', fleetOverview(config)],
    ['app-detail', appDetail()],
    ['autoscaler-health', autoscalerHealth()],
  ] as const;
  for (const [name, spec] of dashboards) {
    files.push({
      path: `dashboards/${name}.json`,
      content: `${JSON.stringify(buildDashboard(spec, source), null, 2)}\n`,
    });
  }
  return files;
}
