import type { ErrorCode } from '@governor/errors';
import { PermanentProviderError, RetryableProviderError } from '@governor/providers';
import type { FailureRule, ProviderOp } from './fake-options.js';

interface LiveRule {
  readonly rule: FailureRule;
  left: number;
}

function errorFor(rule: FailureRule, op: ProviderOp): Error {
  const kind = rule.error ?? 'retryable';
  if (typeof kind === 'function') return kind();
  const msg = (code: ErrorCode) => `injected failure of ${op} (${code})`;
  switch (kind) {
    case 'retryable':
      return new RetryableProviderError('GOV_PROVIDER_UNAVAILABLE', msg('GOV_PROVIDER_UNAVAILABLE'));
    case 'rate-limited':
      return new RetryableProviderError('GOV_PROVIDER_RATE_LIMITED', msg('GOV_PROVIDER_RATE_LIMITED'), {
        retryAfterMs: 1000,
      });
    case 'permanent':
      return new PermanentProviderError('GOV_PROVIDER_INVALID', msg('GOV_PROVIDER_INVALID'));
    case 'capacity':
      return new PermanentProviderError('GOV_PROVIDER_CAPACITY', msg('GOV_PROVIDER_CAPACITY'));
  }
}

/** The injected failures of a fake provider; rules are consumed in order. */
export class FailureInjector {
  private rules: LiveRule[] = [];

  add(rule: FailureRule): void {
    this.rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules = [];
  }

  /** Throws the first matching rule's error, consuming one of its uses. */
  check(op: ProviderOp, app: string, id: string | undefined, region: string | undefined): void {
    if (this.rules.length === 0) return;
    for (const live of this.rules) {
      const r = live.rule;
      if (live.left <= 0) continue;
      if (r.op !== '*' && r.op !== op) continue;
      if (r.app !== undefined && r.app !== app) continue;
      if (r.id !== undefined && r.id !== id) continue;
      if (r.region !== undefined && r.region !== region) continue;
      live.left--;
      this.rules = this.rules.filter((l) => l.left > 0);
      throw errorFor(r, op);
    }
  }
}
