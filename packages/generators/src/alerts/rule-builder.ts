import { type AlertName, type AppConfig, alertSeverity, runbookUrl } from '@governor/config';
import { promDuration } from '../duration.js';
import { selector } from '../promql.js';
import type { AlertRule, InputSeries } from './alert-definition.js';

/** What every alert of one scope (an app, or the autoscaler itself) shares. */
export interface AlertScope {
  /** Base URL of runbooks; a rule links `<base>/<AlertName>.md` (docs/runbooks/ served there). */
  readonly runbookBaseUrl: string;
  /** Labels added to every rule of the scope (team, service, app). */
  readonly labels: Readonly<Record<string, string>>;
  /** The app whose `alerts.severities` map alert classes to severities; none for the autoscaler's own alerts. */
  readonly app?: AppConfig;
}

/** Options of {@link buildRule}. */
export interface RuleOptions {
  /** A name of ALERT_CATALOG: its class (page or ticket) gives the severity. */
  readonly name: AlertName;
  readonly expr: string;
  /** How long (ms) the condition must hold; 0 or omitted fires at the first evaluation. */
  readonly forMs?: number;
  readonly summary: string;
  readonly description: string;
}

/**
 * Builds a rule with the scope's labels, the severity of its class in
 * ALERT_CATALOG (the daemon's notifier uses the same), and the three
 * standard annotations.
 */
export function buildRule(scope: AlertScope, o: RuleOptions): AlertRule {
  return {
    alert: o.name,
    expr: o.expr,
    ...(o.forMs ? { for: promDuration(o.forMs) } : {}),
    // severity last: a scope label never overrides it.
    labels: { ...scope.labels, severity: alertSeverity(o.name, scope.app) },
    annotations: {
      summary: o.summary,
      description: o.description,
      runbook_url: runbookUrl(scope.runbookBaseUrl, o.name),
    },
  };
}

/** An input series for a generated unit test. */
export function series(name: string, labels: Readonly<Record<string, string>>, values: string): InputSeries {
  return { series: selector(name, labels), values };
}

/** `n` samples of the same value, in promtool notation (`0.5x59` = 60 samples). */
export function constant(value: number, samples: number): string {
  return `${value}x${samples - 1}`;
}

/** A counter growing by `step` per sample, `samples` samples long. */
export function growing(step: number, samples: number): string {
  return `0+${step}x${samples - 1}`;
}
