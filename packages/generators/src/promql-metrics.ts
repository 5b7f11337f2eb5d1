const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'atan2',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects, ignoring functions,
 * aggregations, keywords, label names and values, durations, numbers and
 * Grafana variables. Enough for the expressions Governor generates; not a
 * full PromQL parser (it does not validate syntax).
 */
export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ') // string literals
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ') // label lists
    .replace(/\$\{?\w+\}?/g, ' '); // Grafana variables
  const names = new Set<string>();
  const token = /(\d[\w.]*)|([a-zA-Z_:][a-zA-Z0-9_:]*)/g;
  for (let m = token.exec(stripped); m !== null; m = token.exec(stripped)) {
    const ident = m[2];
    if (ident === undefined || KEYWORDS.has(ident.toLowerCase())) continue;
    const rest = stripped.slice(token.lastIndex);
    if (/^\s*\(/.test(rest)) continue; // a function or an aggregation
    names.add(ident);
  }
  return [...names];
}

/**
 * The metric names a Grafana `query` variable selects:
 * `label_values(metric, label)` or a plain PromQL expression.
 */
export function metricNamesInVariableQuery(query: string): string[] {
  const lv = /^\s*label_values\(\s*(.*?)\s*,\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)\s*$/.exec(query);
  if (lv) return metricNamesIn(lv[1] ?? '');
  return metricNamesIn(query);
}
