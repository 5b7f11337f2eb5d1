import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { alertGroups } from '../src/alerts/alert-groups.js';
import { generateArtifacts } from '../src/artifacts.js';
import { writeArtifacts } from '../src/write-artifacts.js';
import { app, twoApps } from './fixtures/config-two-apps.js';
import { promtool } from './support/promtool.js';

const REQUIRED_ALERTS = [
  'GovernorAppLatencyBudgetBurnFast',
  'GovernorAppLatencyBudgetBurnSlow',
  'GovernorAppErrorRateHigh',
  'GovernorInstanceMemoryHigh',
  'GovernorAppCpuSaturated',
  'GovernorAppPinnedAtMax',
  'GovernorAppScaleActionsFailing',
  'GovernorAppDecisionsFlapping',
  'GovernorScrapeTargetDown',
  'GovernorCollectorMissing',
];

describe('generated alert rules (two-app fixture) checked by the real promtool', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gov-alerts-'));
    writeArtifacts(generateArtifacts(twoApps, { source: 'fixture' }), dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every rule file passes promtool check rules', () => {
    const run = promtool(
      ['check', 'rules', 'alerts/app-web.yml', 'alerts/app-worker.yml', 'alerts/governor-autoscaler.yml'],
      dir,
    );
    expect(run.output).toContain('SUCCESS');
    expect(run.ok, run.output).toBe(true);
  });

  it('every generated unit test passes promtool test rules', () => {
    const files = ['app-web', 'app-worker', 'governor-autoscaler'].map((f) => `alerts/tests/${f}.test.yml`);
    const run = promtool(['test', 'rules', ...files], dir);
    expect(run.ok, run.output).toBe(true);
  });

  it('every alert has a firing and a silent test case', () => {
    for (const group of alertGroups(twoApps)) {
      const rules = parse(readFileSync(join(dir, `alerts/${group.file}.yml`), 'utf8')).groups[0].rules as {
        alert: string;
      }[];
      const tests = parse(readFileSync(join(dir, `alerts/tests/${group.file}.test.yml`), 'utf8')).tests as {
        alert_rule_test: { alertname: string; exp_alerts: unknown[] }[];
      }[];
      for (const { alert } of rules) {
        const cases = tests.flatMap((t) => t.alert_rule_test).filter((c) => c.alertname === alert);
        expect(
          cases.some((c) => c.exp_alerts.length > 0),
          `${alert} firing case`,
        ).toBe(true);
        expect(
          cases.some((c) => c.exp_alerts.length === 0),
          `${alert} silent case`,
        ).toBe(true);
      }
    }
  });

  it('the tests catch a broken rule: raising a threshold makes promtool test rules fail', () => {
    const path = join(dir, 'alerts/app-web.yml');
    const original = readFileSync(path, 'utf8');
    try {
      writeFileSync(
        path,
        original.replace(
          'governor_app_error_ratio{app="web"}) > 0.02',
          'governor_app_error_ratio{app="web"}) > 0.5',
        ),
      );
      const run = promtool(['test', 'rules', 'alerts/tests/app-web.test.yml'], dir);
      expect(run.ok).toBe(false);
      expect(run.output).toContain('GovernorAppErrorRateHigh');
    } finally {
      writeFileSync(path, original);
    }
  });
});

describe('alert rules follow the policy', () => {
  const [web, worker, autoscaler] = alertGroups(twoApps);

  it('each app gets every alert class; the autoscaler group watches leader, reloads and publishing', () => {
    expect(web?.alerts.map((a) => a.rule.alert)).toEqual(REQUIRED_ALERTS);
    expect(autoscaler?.alerts.map((a) => a.rule.alert)).toEqual([
      'GovernorNoActiveLeader',
      'GovernorMultipleLeaders',
      'GovernorConfigReloadFailed',
      'GovernorCollectorPublishFailing',
      'GovernorMetricSourceFailing',
    ]);
  });

  it('an app without a latency SLO gets no latency alert', () => {
    expect(worker?.alerts.map((a) => a.rule.alert)).toEqual(REQUIRED_ALERTS.slice(2));
  });

  it('alerts.slo overrides the latency target SLO and alerts.sloQuantile picks the quantile', () => {
    const cfg = {
      ...twoApps,
      apps: [
        app(
          { name: 'api' },
          {
            targets: [{ type: 'latency', quantile: 'p99', slo: '300ms' }],
            alerts: { slo: '750ms', sloQuantile: 'p90' },
          },
        ),
      ],
    };
    const [fast, slow] = alertGroups(cfg)[0]?.alerts ?? [];
    expect(fast?.rule.alert).toBe('GovernorAppLatencyBudgetBurnFast');
    expect(slow?.rule.alert).toBe('GovernorAppLatencyBudgetBurnSlow');
    // p90: a 10% error budget; the SLO reaches the collectors' counters through the policy.
    for (const def of [fast, slow]) {
      expect(def?.rule.expr).toContain(') / 0.1 > ');
      expect(def?.rule.annotations.description).toContain('90% of requests within 0.75s, its P90 SLO');
    }
    // The SRE workbook's windows and burn factors: page 1h/5m at 14.4 and 6h/30m at 6, ticket 1d/2h at 3 and 3d/6h at 1.
    for (const w of ['[5m]', '[1h]', '[30m]', '[6h]']) expect(fast?.rule.expr).toContain(w);
    for (const w of ['[2h]', '[1d]', '[6h]', '[3d]']) expect(slow?.rule.expr).toContain(w);
    expect(fast?.rule.expr).toMatch(/> 14\.4[\s\S]*> 14\.4[\s\S]*> 6\n[\s\S]*> 6\n/);
    expect(slow?.rule.expr).toMatch(/> 3\n[\s\S]*> 3\n[\s\S]*> 1\n[\s\S]*> 1\n/);
  });

  it('uses per-app severities, extra labels and the runbook base URL', () => {
    const byName = new Map(web?.alerts.map((a) => [a.rule.alert, a.rule]));
    expect(byName.get('GovernorAppErrorRateHigh')?.labels).toEqual({
      team: 'storefront',
      severity: 'critical',
    });
    expect(byName.get('GovernorInstanceMemoryHigh')?.labels).toEqual({
      team: 'storefront',
      severity: 'info',
    });
    expect(byName.get('GovernorAppErrorRateHigh')?.annotations.runbook_url).toBe(
      'https://runbooks.example.com/governor/GovernorAppErrorRateHigh.md',
    );
    expect(byName.get('GovernorAppErrorRateHigh')?.expr).toContain('> 0.02');
  });

  it('a team label cannot override the severity', () => {
    const alerts = { ...twoApps.apps[0]!.alerts, labels: { severity: 'none', team: 'x' } };
    const cfg = { ...twoApps, apps: [app({ name: 'api', alerts })] };
    for (const a of alertGroups(cfg)[0]?.alerts ?? []) expect(a.rule.labels.severity).not.toBe('none');
  });

  it('every rule has a summary, a description and a runbook link', () => {
    for (const g of [web, worker, autoscaler]) {
      for (const { rule } of g?.alerts ?? []) {
        expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(10);
        expect(rule.annotations.description.length, rule.alert).toBeGreaterThan(30);
        expect(rule.annotations.runbook_url).toBe(`https://runbooks.example.com/governor/${rule.alert}.md`);
      }
    }
  });
});
