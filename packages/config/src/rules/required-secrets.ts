import type { FieldPath } from '../field-path.js';
import type { SecretRef } from '../secret-ref.js';
import { type RootValues, valid, validApps } from './rule-input.js';

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
    out.push({ path: ['daemon', 'redisUrl'], ref: daemon.redisUrl, reason: 'cluster mode uses Redis' });
  }
  const providers = valid(values.providers) ?? {};
  const receivers = valid(values.alerting)?.receivers ?? [];
  const usedProviders = new Map<string, string>();
  const usedReceivers = new Map<string, string>();
  const usedSources = new Map<string, string>();
  for (const { app, index } of validApps(values, ['name', 'provider', 'alerts'])) {
    const name = app.name ?? `apps[${index}]`;
    const source = valid(app.metrics)?.source;
    if (source !== undefined && !usedSources.has(source)) usedSources.set(source, name);
    if (app.provider !== undefined && !usedProviders.has(app.provider)) usedProviders.set(app.provider, name);
    for (const receiver of app.alerts?.receivers ?? []) {
      if (!usedReceivers.has(receiver)) usedReceivers.set(receiver, name);
    }
  }
  for (const [providerName, appName] of usedProviders) {
    const provider = Object.hasOwn(providers, providerName) ? providers[providerName] : undefined;
    if (provider?.type === 'fly') {
      out.push({
        path: ['providers', providerName, 'token'],
        ref: provider.token,
        reason: `app "${appName}" uses fly provider "${providerName}"`,
      });
    }
  }
  const sources = valid(values.metricSources) ?? {};
  for (const [sourceName, appName] of usedSources) {
    const source = Object.hasOwn(sources, sourceName) ? sources[sourceName] : undefined;
    const secret =
      source?.type === 'redis'
        ? { field: 'url', ref: source.url }
        : source?.token === undefined
          ? undefined
          : { field: 'token', ref: source.token };
    if (secret === undefined) continue;
    out.push({
      path: ['metricSources', sourceName, secret.field],
      ref: secret.ref,
      reason: `app "${appName}" reads metrics from source "${sourceName}"`,
    });
  }
  receivers.forEach((receiver, r) => {
    const appName = usedReceivers.get(receiver.name);
    if (appName === undefined) return;
    const secret =
      receiver.type === 'slack'
        ? { field: 'url', ref: receiver.url }
        : receiver.type === 'pagerduty'
          ? { field: 'routingKey', ref: receiver.routingKey }
          : undefined;
    if (secret === undefined) return;
    out.push({
      path: ['alerting', 'receivers', r, secret.field],
      ref: secret.ref,
      reason: `app "${appName}" sends alerts to receiver "${receiver.name}"`,
    });
  });
  return out;
}
