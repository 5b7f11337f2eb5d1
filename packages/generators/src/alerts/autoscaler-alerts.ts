import { AUTOSCALER_METRICS, COLLECTOR_METRICS } from '@governor/telemetry';
import type { AlertDefinition } from './alert-definition.js';
import type { AlertScope } from './rule-builder.js';
import { buildRule, constant, growing, series } from './rule-builder.js';

const LEADER = AUTOSCALER_METRICS.leader.name;
const OWNED = AUTOSCALER_METRICS.shardsOwned.name;
const SHARDS = AUTOSCALER_METRICS.shards.name;
const RELOAD = AUTOSCALER_METRICS.configReloadSuccess.name;
const PUBLISH_ERRORS = COLLECTOR_METRICS.publishErrors.name;

/** The healthy case of both leader alerts: two replicas, exactly one leading. */
function oneLeader(): AlertDefinition['silent'] {
  return {
    name: 'stays silent with exactly one leader',
    series: [
      series(LEADER, { replica: 'a' }, constant(1, 10)),
      series(LEADER, { replica: 'b' }, constant(0, 10)),
    ],
    evalTime: '5m',
    expect: [],
  };
}

/** No replica holds the leader lease (or none is running) for 1 minute: nothing scales. */
export function noActiveLeader(scope: AlertScope): AlertDefinition {
  const rule = buildRule(scope, {
    name: 'GovernorNoActiveLeader',
    // `or vector(0)`: no replica exporting at all is the worst case, not a silent one.
    expr: `(sum(${LEADER}) or vector(0)) < 1`,
    forMs: 60_000,
    severity: 'critical',
    summary: 'No active autoscaler leader',
    description:
      'No autoscaler replica holds the leader lease for 1m: no scaling decision is applied. ' +
      'Check that the replicas run and reach Redis.',
  });
  return {
    rule,
    firing: {
      name: 'fires when both replicas are followers',
      series: [
        series(LEADER, { replica: 'a' }, constant(0, 10)),
        series(LEADER, { replica: 'b' }, constant(0, 10)),
      ],
      evalTime: '5m',
      expect: [{ labels: {}, value: Number.NaN }],
    },
    silent: oneLeader(),
  };
}

/**
 * More shard leases are claimed than there are shards, for 1 minute: two
 * replicas believe they lead the same shard (split brain; fencing should
 * refuse the stale one's writes). Replicas leading different shards is normal.
 */
export function multipleLeaders(scope: AlertScope): AlertDefinition {
  const rule = buildRule(scope, {
    name: 'GovernorMultipleLeaders',
    expr: `sum(${OWNED}) > max(${SHARDS})`,
    forMs: 60_000,
    severity: 'critical',
    summary: 'More than one autoscaler leader for a shard',
    description:
      'The autoscaler replicas claim {{ $value | printf "%.0f" }} shard leases for 1m, more than there are shards. ' +
      'Fencing tokens should reject the stale leader; check clock skew and the lease TTL.',
  });
  return {
    rule,
    firing: {
      name: 'fires when both replicas claim every shard',
      series: [
        series(OWNED, { replica: 'a' }, constant(64, 10)),
        series(OWNED, { replica: 'b' }, constant(64, 10)),
        series(SHARDS, { replica: 'a' }, constant(64, 10)),
        series(SHARDS, { replica: 'b' }, constant(64, 10)),
      ],
      evalTime: '5m',
      expect: [{ labels: {}, value: 128 }],
    },
    silent: {
      name: 'stays silent while two replicas share the shards',
      series: [
        series(OWNED, { replica: 'a' }, constant(32, 10)),
        series(OWNED, { replica: 'b' }, constant(32, 10)),
        series(SHARDS, { replica: 'a' }, constant(64, 10)),
        series(SHARDS, { replica: 'b' }, constant(64, 10)),
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
    severity: 'warning',
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
    severity: 'warning',
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
