import type { AppConfig, Behavior, ScalingRules } from '@governor/config';
import { appFrom } from '@governor/config/testing';

/** Partial overrides of an app config; `behavior` directions merge field by field. */
export type AppOverrides = Partial<Omit<AppConfig, 'behavior'>> & {
  behavior?: { scaleUp?: Partial<ScalingRules>; scaleDown?: Partial<ScalingRules> };
};

/** `web` on provider `local`, 1..20 machines, CPU at 50%, every other field the loader's default. */
const BASE = appFrom({ name: 'web', min: 1, max: 20, targets: [{ type: 'cpu', utilization: '50%' }] });

/** HPA's default behavior, as the config loader fills it in. */
export function defaultBehavior(): Behavior {
  return structuredClone(BASE.behavior);
}

/** An AppConfig with the loader's defaults, for unit tests that do not go through YAML. */
export function appConfig(overrides: AppOverrides = {}): AppConfig {
  const b = defaultBehavior();
  const { behavior, ...rest } = overrides;
  return {
    ...structuredClone(BASE),
    behavior: {
      scaleUp: { ...b.scaleUp, ...behavior?.scaleUp },
      scaleDown: { ...b.scaleDown, ...behavior?.scaleDown },
    },
    ...rest,
  };
}
