import { durationNode } from '../schema/duration-node.js';
import { enumNode } from '../schema/enum-node.js';
import { optional, required, withDefault } from '../schema/field-spec.js';
import { numberNode } from '../schema/number-node.js';
import { objectNode } from '../schema/object-node.js';
import { recordNode } from '../schema/record-node.js';
import { secretNode } from '../schema/secret-node.js';
import { stringNode } from '../schema/string-node.js';
import { taggedNode } from '../schema/tagged-node.js';
import { labelNameNode, metricNameNode, NAME_PATTERN, urlNode } from './common.js';

const prometheusLabelsSchema = objectNode(
  {
    instance: withDefault(
      labelNameNode('Label naming the instance (machine id or `host:port` of the scrape target).'),
      'instance',
    ),
    region: optional(labelNameNode('Label naming the region.'), '`region` with the fly preset, else none'),
    status: optional(
      labelNameNode('Label holding the HTTP status code.'),
      "`status` with the fly preset, else the app's `metrics.statusLabel`, else `status_code`",
    ),
  },
  { description: 'Label names the generated queries group and filter by.' },
);

const prometheusMetricsSchema = objectNode(
  {
    cpuSeconds: optional(
      metricNameNode('Counter of CPU seconds per instance (generic preset).'),
      '`process_cpu_seconds_total`',
    ),
    cpuCores: withDefault(
      numberNode({
        description: 'CPU cores per machine, the limit CPU utilisation is a fraction of.',
        above: 0,
      }),
      1,
    ),
    memoryBytes: optional(
      metricNameNode('Gauge of resident memory bytes per instance (generic preset).'),
      '`process_resident_memory_bytes`',
    ),
    memoryLimitBytes: optional(
      numberNode({
        description: 'Memory limit per machine in bytes; memory utilisation needs it (generic preset).',
        above: 0,
      }),
      'no memory utilisation (generic preset)',
    ),
    latencyHistogram: optional(
      metricNameNode('Latency histogram base name (`<name>_bucket` is queried).'),
      "the app's `metrics.latencyHistogram`, else `http_request_duration_seconds` (`fly_edge_http_response_time_seconds` with the fly preset)",
    ),
    requestsTotal: optional(
      metricNameNode('Request counter.'),
      "the app's `metrics.requestsTotal`, else the histogram's `_count` (`fly_edge_http_responses_count` with the fly preset)",
    ),
    connections: optional(
      metricNameNode('Gauge of open connections per instance; `connections` targets read it.'),
      'none: `connections` targets need it (with the fly preset, `fly_app_concurrency` fits a service whose concurrency type is `connections`)',
    ),
    networkReceiveBytes: optional(
      metricNameNode(
        'Counter of bytes received per instance, read as is (name one without loopback traffic).',
      ),
      'none (`fly_instance_net_recv_bytes` with the fly preset)',
    ),
    networkTransmitBytes: optional(
      metricNameNode('Counter of bytes sent per instance.'),
      'none (`fly_instance_net_sent_bytes` with the fly preset)',
    ),
    diskReadBytes: optional(
      metricNameNode('Counter of bytes read from block devices per instance.'),
      'none (512 x `fly_instance_disk_sectors_read` with the fly preset)',
    ),
    diskWrittenBytes: optional(
      metricNameNode('Counter of bytes written to block devices per instance.'),
      'none (512 x `fly_instance_disk_sectors_written` with the fly preset)',
    ),
  },
  { description: 'Metric names the generated queries read.' },
);

const prometheusSchema = objectNode(
  {
    type: required(enumNode(['prometheus'], { description: 'A Prometheus-compatible query API.' })),
    url: required(urlNode('Base URL of the server; `/api/v1/query` is appended.')),
    token: optional(secretNode({ description: 'Bearer token by env reference.' }), 'no Authorization header'),
    headers: withDefault(
      recordNode(stringNode({ description: 'Header value.' }), {
        description: 'Extra HTTP headers on every query.',
        keyPattern: '^[A-Za-z0-9-]+$',
        keyHint: 'header',
      }),
      {},
    ),
    timeout: withDefault(durationNode({ description: 'Timeout of one query.', positive: true }), '5s'),
    lookback: withDefault(
      durationNode({
        description: 'Range of `rate()` and `increase()` in the generated queries.',
        positive: true,
      }),
      '1m',
    ),
    preset: withDefault(
      enumNode(['generic', 'fly'], {
        description:
          "`generic`: the app's own metrics as scraped by this server. `fly`: the built-in metrics of Fly's managed Prometheus.",
      }),
      'generic',
    ),
    selector: optional(
      stringNode({
        description: 'Label matchers added to every generated query; `{app}` becomes the app name.',
        pattern: '^[^{}]*(\\{app\\}[^{}]*)*$',
        patternHint: 'label matchers such as job="{app}"',
      }),
      '`job="{app}"` (`app="{app}"` with the fly preset)',
    ),
    labels: withDefault(prometheusLabelsSchema, {}),
    metrics: withDefault(prometheusMetricsSchema, {}),
  },
  { description: 'A Prometheus server (or one that speaks its query API) an app reads its metrics from.' },
);

const redisSchema = objectNode(
  {
    type: required(enumNode(['redis'], { description: 'A Redis server holding queues.' })),
    url: required(secretNode({ description: 'Redis URL by env reference.' })),
    timeout: withDefault(durationNode({ description: 'Timeout of one read.', positive: true }), '2s'),
  },
  { description: 'A Redis server whose queue backlogs `queue` targets read.' },
);

/** `metricSources`: named metric sources that apps refer to with `metrics.source`. */
export const metricSourcesSchema = recordNode(
  taggedNode({ prometheus: prometheusSchema, redis: redisSchema }, { description: 'A metric source.' }),
  {
    description:
      'Named metric sources besides the sidecar collectors; an app picks one with `metrics.source`.',
    keyPattern: NAME_PATTERN,
    keyHint: 'source name',
    nameField: 'name',
  },
);
