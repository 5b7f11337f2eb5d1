import type { AppConfig, GovernorConfig } from '@governor/config';
import type { AlertDefinition, AlertGroup } from './alert-definition.js';
import { latencyBudgetBurn } from './app-burn-rate-alerts.js';
import { collectorMissing, scrapeTargetDown } from './app-collection-alerts.js';
import { cpuSaturated, memoryHigh } from './app-resource-alerts.js';
import { actionsFailing, decisionsFlapping, pinnedAtMax } from './app-scaling-alerts.js';
import { appAlertScope } from './app-scope.js';
import { errorRateHigh } from './app-slo-alerts.js';
import { configReloadFailed, multipleLeaders, noActiveLeader, publishFailing } from './autoscaler-alerts.js';
import { metricSourceFailing } from './source-alerts.js';

/** File stem of an app's rule file: `app-<name>`, with characters outside `[a-z0-9-]` replaced. */
export function appGroupFile(app: AppConfig): string {
  return `app-${app.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;
}

/**
 * The alert groups of a config: one per app (SLO, errors, resources,
 * scaling, collection) and one for the autoscaler itself, in config order.
 */
export function alertGroups(config: GovernorConfig): AlertGroup[] {
  const groups: AlertGroup[] = config.apps.map((app) => {
    const scope = appAlertScope(config, app);
    const alerts: AlertDefinition[] = [...latencyBudgetBurn(scope)];
    alerts.push(
      errorRateHigh(scope),
      memoryHigh(scope),
      cpuSaturated(scope),
      pinnedAtMax(scope),
      actionsFailing(scope),
      decisionsFlapping(scope),
      scrapeTargetDown(scope),
      collectorMissing(scope),
    );
    return { file: appGroupFile(app), name: `governor-app-${app.name}`, interval: '30s', alerts };
  });
  const fleet = { runbookBaseUrl: config.alerting.runbookBaseUrl, labels: {} };
  groups.push({
    file: 'governor-autoscaler',
    name: 'governor-autoscaler',
    interval: '30s',
    alerts: [
      noActiveLeader(fleet),
      multipleLeaders(fleet),
      configReloadFailed(fleet),
      publishFailing(fleet),
      metricSourceFailing(fleet),
    ],
  });
  return groups;
}
