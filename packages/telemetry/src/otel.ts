import { createRequire } from 'node:module';
import type { Tracer } from '@opentelemetry/api';
import { parseResourceAttributes } from './resource-attributes.js';

// The SDK is loaded with require(): its CommonJS build works under every
// loader (a resolver honouring the `module` condition picks an ESM build
// whose extensionless imports Node cannot load), and a service that exports
// no traces never pays for loading it (~16 MB of RSS measured in a sidecar).
const require = createRequire(import.meta.url);
type Api = typeof import('@opentelemetry/api');
type Exporter = typeof import('@opentelemetry/exporter-trace-otlp-http');
type Sdk = typeof import('@opentelemetry/sdk-node');
type TraceBase = typeof import('@opentelemetry/sdk-trace-base');
type Resources = typeof import('@opentelemetry/resources');

/** Options for {@link startTelemetry}. */
export interface StartTelemetryOptions {
  /** `service.name` of every span (`governor-collector`, `governor-autoscaler`). */
  serviceName: string;
  /**
   * OTLP/HTTP base endpoint (the value of `OTEL_EXPORTER_OTLP_ENDPOINT`, e.g.
   * `http://127.0.0.1:4318`); spans go to `<endpoint>/v1/traces`. Default:
   * undefined, which exports nothing and starts no SDK.
   */
  endpoint?: string;
  /** `service.version` of the spans' resource and the tracer. Default: none. */
  serviceVersion?: string;
  /**
   * The raw value of `OTEL_RESOURCE_ATTRIBUTES` (`k=v,k2=v2`): more resource
   * attributes (`deployment.environment`, `service.namespace`, ...). The
   * service's own name and version win over the same keys here. Default: none.
   */
  resourceAttributes?: string;
  /** Longest wait between two exports of finished spans, ms. Default 5000. */
  exportDelayMs?: number;
}

/** A running (or disabled) OpenTelemetry setup. */
export interface Telemetry {
  /** True when spans are exported (an endpoint was given). */
  readonly enabled: boolean;
  /** Tracer for this service; a no-op tracer when disabled. */
  readonly tracer: Tracer;
  /** Flushes pending spans and stops the SDK. Idempotent; never rejects. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing for one service: with an endpoint, a NodeSDK
 * exporting spans over OTLP/HTTP (JSON), without automatic instrumentation
 * (the service creates the spans it cares about); without one, nothing is
 * started and the tracer is the API's no-op. Metrics stay on prom-client.
 */
export function startTelemetry(options: StartTelemetryOptions): Telemetry {
  const { trace } = require('@opentelemetry/api') as Api;
  if (!options.endpoint) {
    return { enabled: false, tracer: trace.getTracer(options.serviceName), shutdown: async () => {} };
  }
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as Exporter;
  const { NodeSDK } = require('@opentelemetry/sdk-node') as Sdk;
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as TraceBase;
  const { resourceFromAttributes } = require('@opentelemetry/resources') as Resources;
  const resource = resourceFromAttributes({
    ...parseResourceAttributes(options.resourceAttributes).attributes,
    'service.name': options.serviceName,
    ...(options.serviceVersion ? { 'service.version': options.serviceVersion } : {}),
  });
  const url = `${options.endpoint.replace(/\/+$/, '')}/v1/traces`;
  const exporter = new OTLPTraceExporter({ url });
  const processor = new BatchSpanProcessor(exporter, { scheduledDelayMillis: options.exportDelayMs ?? 5000 });
  const sdk = new NodeSDK({
    resource,
    spanProcessors: [processor],
    instrumentations: [],
    autoDetectResources: false,
  });
  sdk.start();
  let stopping: Promise<void> | undefined;
  return {
    enabled: true,
    tracer: trace.getTracer(options.serviceName, options.serviceVersion),
    shutdown: () => {
      stopping ??= sdk.shutdown().catch(() => {
        // An unreachable collector must not fail the service's shutdown.
      });
      return stopping;
    },
  };
}
