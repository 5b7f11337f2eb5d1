import { AUTOSCALER_METRICS, COLLECTOR_METRICS } from '@governor/telemetry';
import type { AlertDefinition } from './alert-definition.js';
import type { AlertScope } from './rule-builder.js';
import { buildRule, constant, growing, series } from './rule-builder.js';

const LEADER = AUTOSCALER_METRICS.leader.name;
const OWNED = AUTOSCALER_METRICS.shardsOwned.name;
const SHARDS = AUTOSCALER_METRICS.shards.name;
const RELOAD = AUTOSCALER_METRICS.configReloadSuccess.name;
const PUBLISH_ERRORS = COLLECTOR_METRICS.publishErrors.name;

const JOB = { job: 'governor-autoscaler' };
const OTHER_JOB = { job: 'governor-autoscaler-staging' };

/**
 * The healthy case of the no-leader alert: two deployments scraped by one
 * Prometheus (two jobs), each with two replicas and exactly one leader.
 */
function oneLeader(): AlertDefinition['silent'] {
  return {
    name: 'stays silent with exactly one leader in each of two deployments',
    series: [
      series(LEADER, { ...JOB, replica: 'a' }, constant(1, 10)),
      series(LEADER, { ...JOB, replica: 'b' }, constant(0, 10)),
      series(LEADER, { ...OTHER_JOB, replica: 'a' }, constant(0, 10)),
      series(LEADER, { ...OTHER_JOB, replica: 'b' }, constant(1, 10)),
    ],
    evalTime: '5m',
    expect: [],
  };
}

/**
 * No replica of a deployment (a scrape job) holds the leader lease for 1
 * minute, or no replica exports the metric at all: nothing scales.
 */
export function noActiveLeader(scope: AlertScope): AlertDefinition {
  const rule = buildRule(scope, {
    name: 'GovernorNoActiveLeader',
    // `absent`: no replica exporting at all is the worst case, not a silent one.
    expr: `sum by (job) (${LEADER}) < 1\nor\nabsent(${LEADER})`,
    forMs: 60_000,
    summary: 'No active autoscaler leader',
    description:
      'No autoscaler replica of {{ $labels.job }} holds the leader lease for 1m: no scaling decision is applied. ' +
      'Check that the replicas run and reach Redis.',
  });
  return {
    rule,
    firing: {
      name: 'fires for the deployment whose replicas are both followers, not for its healthy neighbour',
      series: [
        series(LEADER, { ...JOB, replica: 'a' }, constant(0, 10)),
        series(LEADER, { ...JOB, replica: 'b' }, constant(0, 10)),
        series(LEADER, { ...OTHER_JOB, replica: 'a' }, constant(1, 10)),
      ],
      evalTime: '5m',
      expect: [{ labels: JOB, value: Number.NaN }],
    },
    silent: oneLeader(),
  };
}

/**
 * More shard leases are claimed in a deployment (a scrape job) than it has
 * shards, for 1 minute: two replicas believe they lead the same shard (split
 * brain; fencing should refuse the stale one's writes). Replicas leading
 * different shards is normal, and so are two deployments scraped by one
 * Prometheus, each with its own full set of shards.
 */
export function multipleLeaders(scope: AlertScope): AlertDefinition {
  const rule = buildRule(scope, {
    name: 'GovernorMultipleLeaders',
    expr: `sum by (job) (${OWNED}) > max by (job) (${SHARDS})`,
    forMs: 60_000,
    summary: 'More than one autoscaler leader for a shard',
    description:
      'The autoscaler replicas of {{ $labels.job }} claim {{ $value | printf "%.0f" }} shard leases for 1m, more than there are shards. ' +
      'Fencing tokens should reject the stale leader; check clock skew and the lease TTL.',
  });
  return {
    rule,
    firing: {
      name: 'fires when both replicas of one deployment claim every shard, not for its healthy neighbour',
      series: [
        series(OWNED, { ...JOB, replica: 'a' }, constant(64, 10)),
        series(OWNED, { ...JOB, replica: 'b' }, constant(64, 10)),
        series(SHARDS, { ...JOB, replica: 'a' }, constant(64, 10)),
        series(SHARDS, { ...JOB, replica: 'b' }, constant(64, 10)),
        series(OWNED, { ...OTHER_JOB, replica: 'a' }, constant(64, 10)),
        series(SHARDS, { ...OTHER_JOB, replica: 'a' }, constant(64, 10)),
      ],
      evalTime: '5m',
      expect: [{ labels: JOB, value: 128 }],
    },
    silent: {
      name: 'stays silent while two replicas share the shards, in each of two deployments',
      series: [
        series(OWNED, { ...JOB, replica: 'a' }, constant(32, 10)),
        series(OWNED, { ...JOB, replica: 'b' }, constant(32, 10)),
        series(SHARDS, { ...JOB, replica: 'a' }, constant(64, 10)),
        series(SHARDS, { ...JOB, replica: 'b' }, constant(64, 10)),
        series(OWNED, { ...OTHER_JOB, replica: 'a' }, constant(64, 10)),
        series(SHARDS, { ...OTHER_JOB, replica: 'a' }, constant(64, 10)),
      ],
      evalTime: '5m',
      expect: [],
    },
  };
}

/** The last config reload failed: the daemon keeps running the previous config. */
export function configReloadFailed(scope: AlertScope): AlertDefinition {
  const rule = buildRule(scope, {
    name: 'GovernorConfigReloadFailed',
    expr: `${RELOAD} == 0`,
    summary: 'Autoscaler config reload failed',
    description:
      'The last config reload of {{ $labels.instance }} failed; it keeps running the previous config. ' +
      'Run `governor validate` on the policy file to see why.',
  });
  const labels = { instance: 'autoscaler-1:9470', job: 'governor-autoscaler' };
  return {
    rule,
    firing: {
      name: 'fires when the last reload failed',
      series: [series(RELOAD, labels, '1 1 1 0 0 0')],
      evalTime: '5m',
      expect: [{ labels, value: 0 }],
    },
    silent: {
      name: 'stays silent after a failed reload is fixed',
      series: [series(RELOAD, labels, '1 0 0 1 1 1')],
      evalTime: '5m',
      expect: [],
    },
  };
}

/** A collector keeps failing to publish snapshots to the bus for 10 minutes. */
export function publishFailing(scope: AlertScope): AlertDefinition {
  const rule = buildRule(scope, {
    name: 'GovernorCollectorPublishFailing',
    expr: `sum by (app, instance) (rate(${PUBLISH_ERRORS}[5m])) > 0`,
    forMs: 600_000,
    summary: 'A collector cannot publish snapshots',
    description:
      'The collector of {{ $labels.instance }} ({{ $labels.app }}) fails to publish snapshots to the bus for 10m: ' +
      'the autoscaler decides without its metrics. Check Redis reachability.',
  });
  const labels = { app: 'web', instance: 'web-1' };
  return {
    rule,
    firing: {
      name: 'fires when publishing fails continuously',
      series: [series(PUBLISH_ERRORS, labels, growing(3, 30))],
      evalTime: '20m',
      expect: [{ labels, value: Number.NaN }],
    },
    silent: {
      name: 'stays silent once failures stop',
      series: [series(PUBLISH_ERRORS, labels, constant(7, 30))],
      evalTime: '20m',
      expect: [],
    },
  };
}
