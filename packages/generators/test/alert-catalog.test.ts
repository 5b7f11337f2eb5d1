import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALERT_CATALOG, type AlertName, alertSeverity, FLEET_SEVERITIES } from '@governor/config';
import { describe, expect, it } from 'vitest';
import { alertGroups } from '../src/alerts/alert-groups.js';
import { twoApps } from './fixtures/config-two-apps.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DAEMON_ALERTS = `${ROOT}services/autoscaler/src/daemon-alerts.ts`;

describe('the alert catalog: one severity and one runbook per alert', () => {
  const groups = alertGroups(twoApps);
  const rules = groups.flatMap((g) => g.alerts.map((a) => a.rule));

  it('every generated rule is in the catalog and every catalog alert is generated', () => {
    const generated = new Set(rules.map((r) => r.alert));
    expect([...generated].sort()).toEqual(Object.keys(ALERT_CATALOG).sort());
  });

  it("a rule's severity is its class mapped through the app's severities (fleet defaults for the autoscaler's)", () => {
    for (const g of groups) {
      const app = twoApps.apps.find((a) => g.name === `governor-app-${a.name}`);
      for (const { rule } of g.alerts) {
        const cls = ALERT_CATALOG[rule.alert as AlertName];
        const want = app ? app.alerts.severities[cls] : FLEET_SEVERITIES[cls];
        expect(rule.labels.severity, rule.alert).toBe(want);
        expect(alertSeverity(rule.alert as AlertName, app)).toBe(want);
      }
    }
  });

  it("the daemon's notifier raises only catalog alerts and takes their severity from the catalog", () => {
    const src = readFileSync(DAEMON_ALERTS, 'utf8');
    const names = [...src.matchAll(/const name = '(\w+)'/g)].map((m) => m[1] ?? '');
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const n of names) expect(Object.keys(ALERT_CATALOG)).toContain(n);
    expect(src).not.toMatch(/severity:\s*(['"]|policy\.alerts\.severities)/);
    expect(src.match(/severity: alertSeverity\(name/g)?.length).toBe(names.length);
  });

  it.each(Object.keys(ALERT_CATALOG))(
    '%s has a runbook: meaning, how to confirm, what to do, governor commands',
    (name) => {
      const path = `${ROOT}docs/runbooks/${name}.md`;
      expect(existsSync(path), path).toBe(true);
      const text = readFileSync(path, 'utf8');
      expect(text.split('\n')[0]).toBe(`# ${name}`);
      for (const heading of ['## What it means', '## Confirm', '## Act', '## Governor commands'])
        expect(text, `${name}: ${heading}`).toContain(heading);
      expect(text).toMatch(new RegExp(`Severity: \\*\\*${ALERT_CATALOG[name as AlertName]}\\*\\*`));
      expect(text).toMatch(/`governor [a-z]+/);
    },
  );
});
