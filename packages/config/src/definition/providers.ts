import { arrayNode } from '../schema/array-node.js';
import { durationNode } from '../schema/duration-node.js';
import { enumNode } from '../schema/enum-node.js';
import { optional, required, withDefault } from '../schema/field-spec.js';
import { numberNode } from '../schema/number-node.js';
import { objectNode } from '../schema/object-node.js';
import { pairNode } from '../schema/pair-node.js';
import { recordNode } from '../schema/record-node.js';
import { secretNode } from '../schema/secret-node.js';
import { stringNode } from '../schema/string-node.js';
import { taggedNode } from '../schema/tagged-node.js';
import { hostPortNode, httpPathNode, MAX_NAME_LENGTH, NAME_PATTERN, urlNode } from './common.js';

/** A Fly region code such as `ams`. */
export const REGION_PATTERN = '^[a-z]{3}$';

const flySchema = objectNode(
  {
    type: required(enumNode(['fly'], { description: 'Fly.io Machines.' })),
    org: required(stringNode({ description: 'Fly organisation slug.' })),
    app: required(stringNode({ description: 'Fly app name.' })),
    token: required(secretNode({ description: 'Machines API token, by env reference.' })),
    regions: required(
      arrayNode(
        stringNode({
          description: 'A Fly region code.',
          pattern: REGION_PATTERN,
          patternHint: 'a region code (ams)',
        }),
        { description: 'Regions machines may run in; the first is the primary.', minItems: 1 },
      ),
    ),
    processGroup: withDefault(
      stringNode({ description: '`fly_process_group` metadata value to manage.' }),
      'app',
    ),
    apiUrl: withDefault(urlNode('Machines API base URL.'), 'https://api.machines.dev'),
  },
  { description: 'Fly.io Machines of one Fly app.' },
);

const port = numberNode({ description: 'A TCP port.', integer: true, min: 1, max: 65535 });

const localSchema = objectNode(
  {
    type: required(enumNode(['local'], { description: 'Local child processes.' })),
    command: required(stringNode({ description: 'Executable to run for each instance.' })),
    args: withDefault(
      arrayNode(stringNode({ description: 'An argument.' }), { description: 'Arguments.' }),
      [],
    ),
    env: withDefault(
      recordNode(stringNode({ description: 'A value.' }), {
        description:
          "The instances' environment besides `PATH`, `PORT` and `GOVERNOR_INSTANCE_ID`; nothing else of the daemon's is passed.",
        keyPattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        keyHint: 'variable',
      }),
      {},
    ),
    portRange: required(pairNode(port, port, { description: 'Inclusive port range for instances.' })),
    healthPath: withDefault(httpPathNode('HTTP path polled to decide an instance is healthy.'), '/healthz'),
    metricsPath: withDefault(httpPathNode("Path of the app's metrics endpoint."), '/metrics'),
    stopGracePeriod: withDefault(durationNode({ description: 'SIGTERM -> SIGKILL grace period.' }), '5s'),
    proxyListen: optional(hostPortNode('Edge proxy listen address; no proxy when absent.')),
    region: withDefault(stringNode({ description: 'Region name reported for local instances.' }), 'local'),
  },
  { description: 'Instances as child processes on this machine.' },
);

const kubernetesSchema = objectNode(
  {
    type: required(enumNode(['kubernetes'], { description: 'A Kubernetes Deployment.' })),
    apiServer: withDefault(urlNode('API server URL.'), 'https://kubernetes.default.svc'),
    namespace: required(stringNode({ description: 'Namespace of the deployment.' })),
    deployment: required(stringNode({ description: 'Deployment name.' })),
    token: optional(
      secretNode({ description: 'Bearer token by env reference.' }),
      'the in-cluster service account token',
    ),
    kubeconfig: optional(
      stringNode({
        description:
          'Kubeconfig file: the API server, CA, namespace default and credentials (token, tokenFile, client certificate or exec plugin) of a context; apiServer is then ignored.',
      }),
      'in-cluster (service account)',
    ),
    context: optional(
      stringNode({ description: 'Context of the kubeconfig.' }),
      "the kubeconfig's current-context",
    ),
  },
  { description: 'The replicas of one Kubernetes Deployment.' },
);

/** `providers`: named providers that apps refer to. */
export const providersSchema = recordNode(
  taggedNode(
    { fly: flySchema, local: localSchema, kubernetes: kubernetesSchema },
    { description: 'A provider.' },
  ),
  {
    description: 'Named providers; an app names the one that runs its machines.',
    keyPattern: NAME_PATTERN,
    keyMaxLength: MAX_NAME_LENGTH,
    keyHint: 'provider name',
    nameField: 'name',
  },
);
