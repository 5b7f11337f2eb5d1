import { describe, expect, it } from 'vitest';
import { alertGroups } from '../src/alerts/alert-groups.js';
import { metricNamesIn } from '../src/promql-metrics.js';
import { twoApps } from './fixtures/config-two-apps.js';
import { unexportedNames } from './support/exported-names.js';

describe('alert expressions query only metrics the project exports', () => {
  for (const group of alertGroups(twoApps)) {
    for (const { rule, firing, silent } of group.alerts) {
      it(`${group.name}/${rule.alert}`, () => {
        expect(metricNamesIn(rule.expr).length).toBeGreaterThan(0);
        expect(unexportedNames(rule.expr)).toEqual([]);
        // Test input series too: a scenario on a made-up metric would prove nothing.
        for (const s of [...firing.series, ...silent.series]) expect(unexportedNames(s.series)).toEqual([]);
      });
    }
  }
});
