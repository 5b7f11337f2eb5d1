/** One Prometheus alerting rule, in rule-file order. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  /** Prometheus duration the condition must hold, e.g. `5m`; omitted fires at once. */
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: {
    readonly summary: string;
    readonly description: string;
    readonly runbook_url: string;
  };
}

/** A series fed to `promtool test rules`, in its expanding notation (`0+1x30`). */
export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

/** An alert the rule must produce in a scenario: the expression's output labels and value. */
export interface ExpectedAlert {
  /** Labels of the expression's result (the rule's own labels are added when rendering). */
  readonly labels: Readonly<Record<string, string>>;
  /** `$value` as the annotations render it; NaN when they do not use `$value`. */
  readonly value: number;
}

/** A unit-test scenario of one alert: input, evaluation time and what must fire. */
export interface AlertScenario {
  /** What the scenario shows, e.g. `fires when the error ratio stays above 5%`. */
  readonly name: string;
  readonly series: readonly InputSeries[];
  /** Prometheus duration from the start of the series, e.g. `10m`. */
  readonly evalTime: string;
  /** Alerts that must be firing at `evalTime`; empty for a silent case. */
  readonly expect: readonly ExpectedAlert[];
}

/**
 * An alert with its proof: the rule, one scenario in which it fires and one
 * in which it must stay silent. Generated together so that every rule ships
 * with a `promtool test rules` case.
 */
export interface AlertDefinition {
  readonly rule: AlertRule;
  readonly firing: AlertScenario;
  readonly silent: AlertScenario;
}

/** A rule file: one group of alerts, written to `alerts/<file>.yml`. */
export interface AlertGroup {
  /** File name stem, e.g. `app-web`. */
  readonly file: string;
  /** Prometheus rule group name. */
  readonly name: string;
  /** Evaluation interval (Prometheus duration). */
  readonly interval: string;
  readonly alerts: readonly AlertDefinition[];
}
