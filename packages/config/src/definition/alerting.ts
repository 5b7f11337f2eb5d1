import { arrayNode } from '../schema/array-node.js';
import { durationNode } from '../schema/duration-node.js';
import { enumNode } from '../schema/enum-node.js';
import { optional, required, withDefault } from '../schema/field-spec.js';
import { objectNode } from '../schema/object-node.js';
import { secretNode } from '../schema/secret-node.js';
import { taggedNode } from '../schema/tagged-node.js';
import { nameNode, urlNode } from './common.js';

const receiverSchema = taggedNode(
  {
    webhook: objectNode(
      {
        type: required(enumNode(['webhook'])),
        name: required(nameNode('Receiver name, referenced by `apps[].alerts.receivers`.')),
        url: required(urlNode('URL that receives a JSON POST per notification.')),
        token: optional(secretNode({ description: 'Bearer token sent with each POST.' })),
      },
      { description: 'A generic JSON webhook.' },
    ),
    slack: objectNode(
      {
        type: required(enumNode(['slack'])),
        name: required(nameNode('Receiver name.')),
        url: required(
          secretNode({ description: 'Slack incoming-webhook URL (a secret), by env reference.' }),
        ),
      },
      { description: 'A Slack incoming webhook.' },
    ),
    pagerduty: objectNode(
      {
        type: required(enumNode(['pagerduty'])),
        name: required(nameNode('Receiver name.')),
        routingKey: required(secretNode({ description: 'Events API v2 routing key, by env reference.' })),
        url: withDefault(urlNode('Events API URL.'), 'https://events.pagerduty.com/v2/enqueue'),
      },
      { description: 'PagerDuty Events API v2.' },
    ),
  },
  { description: 'A notification receiver.' },
);

/** `alerting`: where notifications go. */
export const alertingSchema = objectNode(
  {
    runbookBaseUrl: required(
      urlNode(
        'Base URL of runbooks; each alert links `<base>/<AlertName>.md` (docs/runbooks/ served there).',
      ),
    ),
    receivers: withDefault(arrayNode(receiverSchema, { description: 'Notification receivers.' }), []),
    repeatInterval: withDefault(
      durationNode({
        description: 'Minimum time between two notifications of the same alert.',
        positive: true,
      }),
      '5m',
    ),
  },
  { description: 'Alert routing shared by all apps.' },
);
