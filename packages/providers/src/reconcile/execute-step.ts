import type { Machine, Provider } from '../provider.js';
import type { ReconcileStep } from './reconcile-step.js';

/**
 * Applies one {@link ReconcileStep} through a provider. Resolves with the new
 * machine for `create`, undefined otherwise; provider errors propagate
 * unchanged (check `isRetryable`).
 */
export async function executeStep(
  provider: Provider,
  app: string,
  step: ReconcileStep,
): Promise<Machine | undefined> {
  switch (step.action) {
    case 'create':
      return provider.create(app, { region: step.region, skipLaunch: step.skipLaunch === true });
    case 'start':
      await provider.start(app, step.id);
      return undefined;
    case 'stop':
      await provider.stop(app, step.id);
      return undefined;
    case 'suspend':
      await provider.suspend(app, step.id);
      return undefined;
    case 'destroy':
      await provider.destroy(app, step.id);
      return undefined;
  }
}
