/**
 * A realistic exposition of `totalSeries` series (bench:collector uses 1,000 and 5,000): the app's latency histogram (the
 * part the collector reads) among thousands of unrelated series (runtime,
 * business, per-route counters) it skips.
 */
export function buildExposition(totalSeries: number): string {
  const lines: string[] = [];
  let series = 0;
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  lines.push('# HELP http_request_duration_seconds Duration of HTTP requests in seconds');
  lines.push('# TYPE http_request_duration_seconds histogram');
  // The histogram is at most about 28% of the body (20 routes at 5,000 series, 4 at 1,000).
  const routes = Math.max(1, Math.min(20, Math.floor((totalSeries * 0.28) / 70)));
  for (let r = 0; r < routes; r++) {
    for (const status of ['200', '201', '404', '500', '503']) {
      const labels = `method="GET",route="/api/v1/resource${r}",status_code="${status}"`;
      let cum = 0;
      for (const le of buckets) {
        cum += 7 + r;
        lines.push(`http_request_duration_seconds_bucket{le="${le}",${labels}} ${cum}`);
      }
      lines.push(`http_request_duration_seconds_bucket{le="+Inf",${labels}} ${cum + 3}`);
      lines.push(`http_request_duration_seconds_sum{${labels}} ${(cum * 0.042).toFixed(3)}`);
      lines.push(`http_request_duration_seconds_count{${labels}} ${cum + 3}`);
      series += buckets.length + 3;
    }
  }
  let family = 0;
  while (series < totalSeries) {
    const name = `app_business_metric_${family}_total`;
    lines.push(`# HELP ${name} Unrelated counter number ${family}.`);
    lines.push(`# TYPE ${name} counter`);
    for (let i = 0; i < 50 && series < totalSeries; i++) {
      lines.push(
        `${name}{shard="${i}",tenant="tenant-${(i * 7) % 13}",zone="z${i % 3}"} ${i * 1000 + family}`,
      );
      series++;
    }
    family++;
  }
  return `${lines.join('\n')}\n`;
}
