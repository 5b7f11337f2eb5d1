import { stringify } from 'yaml';
import { yamlHeader } from '../header.js';
import type { AlertDefinition, AlertGroup, AlertScenario } from './alert-definition.js';
import { renderAnnotation } from './annotation-template.js';
import { YAML_OPTIONS } from './render-rules.js';

function testCase(def: AlertDefinition, scenario: AlertScenario): Record<string, unknown> {
  const { rule } = def;
  return {
    name: `${rule.alert} ${scenario.name}`,
    interval: '1m',
    input_series: scenario.series.map((s) => ({ series: s.series, values: s.values })),
    alert_rule_test: [
      {
        eval_time: scenario.evalTime,
        alertname: rule.alert,
        exp_alerts: scenario.expect.map((e) => ({
          // Rule labels win over the expression's labels, as in Prometheus.
          exp_labels: { ...e.labels, ...rule.labels },
          exp_annotations: {
            summary: renderAnnotation(rule.annotations.summary, e.labels, e.value),
            description: renderAnnotation(rule.annotations.description, e.labels, e.value),
            runbook_url: rule.annotations.runbook_url,
          },
        })),
      },
    ],
  };
}

/**
 * Renders the `promtool test rules` file of a group (`alerts/tests/<file>.test.yml`):
 * one firing and one silent case per alert.
 */
export function renderRuleTestFile(group: AlertGroup, source: string): string {
  const doc = {
    rule_files: [`../${group.file}.yml`],
    evaluation_interval: '1m',
    tests: group.alerts.flatMap((def) => [testCase(def, def.firing), testCase(def, def.silent)]),
  };
  return yamlHeader(source) + stringify(doc, YAML_OPTIONS);
}
