import { GovernorError, isGovernorError } from '@governor/errors';

/** One series of an instant vector: its labels and value. */
export interface PromSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Options of {@link PrometheusClient}. */
export interface PrometheusClientOptions {
  /** Base URL; `/api/v1/query` is appended. */
  readonly url: string;
  /** Sent with every query (Authorization, tenant headers). */
  readonly headers: Readonly<Record<string, string>>;
  /** Timeout of one query in ms. */
  readonly timeout: number;
  /** Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

interface QueryResponse {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: { metric?: Record<string, string>; value?: [number, string] }[] };
}

/**
 * The two things a metric source needs from Prometheus's HTTP API: an
 * instant query returning a vector or a scalar. Every failure is a
 * {@link GovernorError}: `GOV_SOURCE_UNREACHABLE` (connection),
 * `GOV_SOURCE_TIMEOUT`, or `GOV_SOURCE_QUERY_FAILED` (HTTP error, bad
 * PromQL, unreadable answer).
 */
export class PrometheusClient {
  private readonly fetchFn: typeof fetch;
  private readonly endpoint: string;

  constructor(private readonly options: PrometheusClientOptions) {
    this.fetchFn = options.fetch ?? fetch;
    this.endpoint = `${options.url.replace(/\/+$/, '')}/api/v1/query`;
  }

  /** Runs `expr` as an instant query at the server's current time. */
  async query(expr: string, signal: AbortSignal): Promise<PromSample[]> {
    const timeout = AbortSignal.timeout(this.options.timeout);
    const both = AbortSignal.any([signal, timeout]);
    let body: QueryResponse;
    let status: number;
    try {
      const res = await this.fetchFn(this.endpoint, {
        method: 'POST',
        headers: { ...this.options.headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: expr }).toString(),
        signal: both,
      });
      status = res.status;
      const text = await res.text();
      try {
        body = JSON.parse(text) as QueryResponse;
      } catch {
        throw this.failed(`HTTP ${status}, not a Prometheus answer: ${text.slice(0, 120)}`, expr);
      }
    } catch (err) {
      if (isGovernorError(err)) throw err;
      if (timeout.aborted && !signal.aborted) {
        throw new GovernorError(
          'GOV_SOURCE_TIMEOUT',
          `no answer from ${this.options.url} within ${this.options.timeout}ms`,
          { cause: err, details: { url: this.options.url } },
        );
      }
      if (signal.aborted) throw err;
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new GovernorError(
        'GOV_SOURCE_UNREACHABLE',
        `cannot reach ${this.options.url}: ${cause?.code ?? cause?.message ?? String(err)}`,
        { cause: err, details: { url: this.options.url } },
      );
    }
    if (status >= 400 || body.status !== 'success') {
      throw this.failed(
        `HTTP ${status}: ${body.errorType ?? 'error'}: ${body.error ?? 'no error text'}`,
        expr,
      );
    }
    return this.samples(body, expr);
  }

  private samples(body: QueryResponse, expr: string): PromSample[] {
    const data = body.data;
    if (data?.resultType === 'scalar') {
      const v = (data.result as unknown as [number, string] | undefined)?.[1];
      return v === undefined ? [] : [{ labels: {}, value: Number(v) }];
    }
    if (data?.resultType !== 'vector' || !Array.isArray(data.result)) {
      throw this.failed(`expected an instant vector, got ${data?.resultType ?? 'nothing'}`, expr);
    }
    return data.result.map((r) => ({ labels: r.metric ?? {}, value: Number(r.value?.[1]) }));
  }

  private failed(message: string, expr: string): GovernorError {
    return new GovernorError('GOV_SOURCE_QUERY_FAILED', `${this.options.url}: ${message}`, {
      details: { url: this.options.url, query: expr },
    });
  }
}
