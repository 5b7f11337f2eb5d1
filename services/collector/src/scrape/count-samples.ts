/**
 * Sample lines in an exposition body (lines that are neither empty nor
 * comments): what the series cap counts, like Prometheus' `sample_limit`.
 * Stops counting past `limit + 1`.
 */
export function countSamples(body: string, limit = Number.POSITIVE_INFINITY): number {
  let n = 0;
  let i = 0;
  const len = body.length;
  while (i < len) {
    const c = body.charCodeAt(i);
    // 10 = \n, 35 = #
    if (c !== 10 && c !== 35) {
      n++;
      if (n > limit) return n;
    }
    const nl = body.indexOf('\n', i);
    if (nl === -1) break;
    i = nl + 1;
  }
  return n;
}
