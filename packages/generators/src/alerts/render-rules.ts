import { stringify } from 'yaml';
import { yamlHeader } from '../header.js';
import type { AlertGroup } from './alert-definition.js';

/** YAML options shared by generated files: no line folding, stable quoting. */
export const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0 } as const;

/** Renders a Prometheus rule file (`alerts/<file>.yml`) for one group. */
export function renderRuleFile(group: AlertGroup, source: string): string {
  const doc = {
    groups: [{ name: group.name, interval: group.interval, rules: group.alerts.map((a) => a.rule) }],
  };
  return yamlHeader(source) + stringify(doc, YAML_OPTIONS);
}
