/**
 * Structural checks of the `observations` of a `governor decide` input: the
 * file is untrusted JSON, so every field `decide` reads is checked here and
 * each problem is named by its path (`observations.machines[0].running`).
 */

type Problems = string[];

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function show(x: unknown): string {
  return typeof x === 'string' ? JSON.stringify(x) : Array.isArray(x) ? 'an array' : String(x);
}

function finite(value: unknown, path: string, problems: Problems, min = 0): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    problems.push(`${path}: expected a number >= ${min}, got ${show(value)}`);
  }
}

function optionalFinite(obj: Record<string, unknown>, key: string, path: string, problems: Problems): void {
  if (obj[key] !== undefined) finite(obj[key], `${path}.${key}`, problems);
}

function numberArray(value: unknown, path: string, problems: Problems): number[] | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    problems.push(`${path}: expected an array of finite numbers`);
    return undefined;
  }
  return value as number[];
}

function checkLatency(latency: unknown, path: string, problems: Problems): void {
  if (!isObject(latency)) {
    problems.push(`${path}: expected a latency distribution object, got ${show(latency)}`);
    return;
  }
  finite(latency.count, `${path}.count`, problems);
  finite(latency.sum, `${path}.sum`, problems);
  if (latency.kind === 'buckets') {
    const bounds = numberArray(latency.bounds, `${path}.bounds`, problems);
    const cumulative = numberArray(latency.cumulative, `${path}.cumulative`, problems);
    if (bounds && cumulative && bounds.length !== cumulative.length) {
      problems.push(`${path}.cumulative: expected ${bounds.length} counts (one per bound)`);
    }
    if (bounds?.some((b, i) => i > 0 && b <= (bounds[i - 1] as number))) {
      problems.push(`${path}.bounds: bounds must be strictly ascending`);
    }
  } else if (latency.kind === 'ddsketch') {
    finite(latency.relativeAccuracy, `${path}.relativeAccuracy`, problems);
    finite(latency.zeroCount, `${path}.zeroCount`, problems);
    if (!isObject(latency.bins)) problems.push(`${path}.bins: expected an object of index -> count`);
  } else if (latency.kind === 'summary') {
    if (!isObject(latency.quantiles))
      problems.push(`${path}.quantiles: expected an object of quantile -> seconds`);
  } else {
    problems.push(`${path}.kind: expected "buckets", "ddsketch" or "summary", got ${show(latency.kind)}`);
  }
}

function checkMetrics(metrics: unknown, path: string, problems: Problems): void {
  if (!isObject(metrics)) {
    problems.push(`${path}: expected an object, got ${show(metrics)}`);
    return;
  }
  for (const key of ['cpu', 'memory', 'rps', 'errorRatio', 'connections'])
    optionalFinite(metrics, key, path, problems);
  if (metrics.latency !== undefined) checkLatency(metrics.latency, `${path}.latency`, problems);
  if (metrics.custom !== undefined) {
    if (!isObject(metrics.custom)) problems.push(`${path}.custom: expected an object of name -> number`);
    else
      for (const name of Object.keys(metrics.custom))
        finite(metrics.custom[name], `${path}.custom.${name}`, problems);
  }
}

/** Every problem of `observations`, as `path: message` lines; empty when it is usable. */
export function observationProblems(observations: unknown): string[] {
  const problems: Problems = [];
  const root = 'observations';
  if (!isObject(observations)) return [`${root}: expected {app, machines: [...], edgeRps?}`];
  if (observations.edgeRps !== undefined) finite(observations.edgeRps, `${root}.edgeRps`, problems);
  if (!Array.isArray(observations.machines)) return [...problems, `${root}.machines: expected an array`];
  observations.machines.forEach((m: unknown, i: number) => {
    const path = `${root}.machines[${i}]`;
    if (!isObject(m)) {
      problems.push(`${path}: expected an object, got ${show(m)}`);
      return;
    }
    for (const key of ['id', 'region']) {
      if (typeof m[key] !== 'string' || m[key] === '')
        problems.push(`${path}.${key}: expected a non-empty string`);
    }
    for (const key of ['running', 'ready']) {
      if (typeof m[key] !== 'boolean')
        problems.push(`${path}.${key}: expected true or false, got ${show(m[key])}`);
    }
    optionalFinite(m, 'startedAt', path, problems);
    if (m.metrics !== undefined) checkMetrics(m.metrics, `${path}.metrics`, problems);
  });
  return problems;
}
