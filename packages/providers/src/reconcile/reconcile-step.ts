/** One step that moves a fleet toward its desired shape. */
export type ReconcileStep =
  | {
      readonly action: 'create';
      readonly region: string;
      /** Create without booting (a warm-pool machine). */
      readonly skipLaunch?: boolean;
      /** Why, for logs and decisions: e.g. `scale up: 2 of 3 running in ams`. */
      readonly reason: string;
    }
  | {
      readonly action: 'start' | 'stop' | 'suspend' | 'destroy';
      readonly id: string;
      readonly region: string;
      readonly reason: string;
    };

/** The action of a {@link ReconcileStep}. */
export type ReconcileAction = ReconcileStep['action'];
