import type { GovernorConfig } from '@governor/config';
import { Notifier } from '@governor/notify';
import type { Logger } from '@governor/telemetry';
import type { SelfMetrics } from './self-metrics.js';

/**
 * A Notifier for the config's `alerting.receivers`, counting every result in
 * `governor_notifications_total{receiver,result}`. Pass it to the Autoscaler
 * as `alerts` and close it on shutdown.
 */
export function createDaemonNotifier(
  config: GovernorConfig,
  metrics: SelfMetrics,
  logger: Logger,
  externalUrl = '',
): Notifier {
  return new Notifier({
    receivers: config.alerting.receivers,
    repeatInterval: config.alerting.repeatInterval,
    logger,
    externalUrl,
    onResult: (receiver, result) => metrics.notifications.inc({ receiver, result }),
  });
}
