import type { FieldPath } from '../field-path.js';
import type { SecretRef } from '../secret-ref.js';
import { type Loose, type RootValues, valid, validApps } from './rule-input.js';

/** A secret that the chosen mode and the apps need, with why. */
export interface RequiredSecret {
  readonly path: FieldPath;
  readonly ref: SecretRef;
  readonly reason: string;
}

/**
 * Secrets without which the daemon cannot work as configured: the Redis URL
 * in cluster mode, the token of every fly provider an app uses, and the
 * Slack URL or PagerDuty key of every receiver an app uses. Others
 * (apiToken, webhook and kubernetes tokens) are optional.
 */
export function requiredSecrets(values: RootValues): RequiredSecret[] {
  const out: RequiredSecret[] = [];
  const daemon = valid(values.daemon);
  if (daemon?.mode === 'cluster' && daemon.redisUrl !== undefined) {
    out.push({
      path: ['daemon', 'redisUrl'],
      ref: daemon.redisUrl as SecretRef,
      reason: 'cluster mode uses Redis',
    });
  }
  const providers = valid<Record<string, Loose>>(values.providers) ?? {};
  const receivers = (valid(values.alerting)?.receivers as Loose[] | undefined) ?? [];
  const usedProviders = new Map<string, string>();
  const usedReceivers = new Map<string, string>();
  const usedSources = new Map<string, string>();
  for (const { app, index } of validApps(values, ['name', 'provider', 'alerts'])) {
    const name = typeof app.name === 'string' ? app.name : `apps[${index}]`;
    const source = (valid(app.metrics as never) as Loose | undefined)?.source;
    if (typeof source === 'string' && !usedSources.has(source)) usedSources.set(source, name);
    if (typeof app.provider === 'string' && !usedProviders.has(app.provider))
      usedProviders.set(app.provider, name);
    const receiverNames = ((app.alerts as Loose | undefined)?.receivers as string[] | undefined) ?? [];
    for (const receiver of receiverNames) {
      if (!usedReceivers.has(receiver)) usedReceivers.set(receiver, name);
    }
  }
  for (const [providerName, appName] of usedProviders) {
    const provider = Object.hasOwn(providers, providerName) ? providers[providerName] : undefined;
    if (provider?.type === 'fly') {
      out.push({
        path: ['providers', providerName, 'token'],
        ref: provider.token as SecretRef,
        reason: `app "${appName}" uses fly provider "${providerName}"`,
      });
    }
  }
  const sources = valid<Record<string, Loose>>(values.metricSources) ?? {};
  for (const [sourceName, appName] of usedSources) {
    const source = Object.hasOwn(sources, sourceName) ? sources[sourceName] : undefined;
    const field = source?.type === 'redis' ? 'url' : source?.token !== undefined ? 'token' : undefined;
    if (source === undefined || field === undefined) continue;
    out.push({
      path: ['metricSources', sourceName, field],
      ref: source[field] as SecretRef,
      reason: `app "${appName}" reads metrics from source "${sourceName}"`,
    });
  }
  receivers.forEach((receiver, r) => {
    const appName = usedReceivers.get(receiver.name as string);
    if (appName === undefined) return;
    const field =
      receiver.type === 'slack' ? 'url' : receiver.type === 'pagerduty' ? 'routingKey' : undefined;
    if (field === undefined) return;
    out.push({
      path: ['alerting', 'receivers', r, field],
      ref: receiver[field] as SecretRef,
      reason: `app "${appName}" sends alerts to receiver "${String(receiver.name)}"`,
    });
  });
  return out;
}
