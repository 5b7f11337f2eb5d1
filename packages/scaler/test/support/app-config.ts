import type { AppConfig, Behavior, ScalingRules } from '@governor/config';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Partial overrides of an app config; `behavior` directions merge field by field. */
export type AppOverrides = Partial<Omit<AppConfig, 'behavior'>> & {
  behavior?: { scaleUp?: Partial<ScalingRules>; scaleDown?: Partial<ScalingRules> };
};

/** HPA's default behavior, as the config defaults document it. */
export function defaultBehavior(): Behavior {
  return {
    scaleUp: {
      stabilizationWindow: 0,
      select: 'max',
      policies: [
        { type: 'percent', value: 1, period: 15_000 },
        { type: 'machines', value: 4, period: 15_000 },
      ],
      tolerance: 0.1,
    },
    scaleDown: {
      stabilizationWindow: 300_000,
      select: 'max',
      policies: [{ type: 'percent', value: 1, period: 15_000 }],
      tolerance: 0.1,
    },
  };
}

/**
 * A validated-looking AppConfig with every default of
 * packages/config/src/types.ts, for unit tests that do not go through YAML.
 */
export function appConfig(overrides: AppOverrides = {}): AppConfig {
  const b = defaultBehavior();
  const { behavior, ...rest } = overrides;
  const app: Mutable<AppConfig> = {
    name: 'web',
    provider: 'local',
    mode: 'active',
    min: 1,
    max: 20,
    regions: {},
    targets: [{ type: 'cpu', utilization: 0.5 }],
    behavior: {
      scaleUp: { ...b.scaleUp, ...behavior?.scaleUp },
      scaleDown: { ...b.scaleDown, ...behavior?.scaleDown },
    },
    cooldown: { up: 0, down: 0 },
    steps: [],
    schedules: [],
    warmPool: 0,
    hpaCompatible: false,
    alerts: {
      sloQuantile: 'p99',
      errorRatio: 0.05,
      severities: { page: 'critical', ticket: 'warning' },
      receivers: [],
      labels: {},
    },
    metrics: { custom: [] },
    scrape: { targets: [] },
    ...rest,
  };
  return app;
}
