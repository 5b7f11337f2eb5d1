/** A Deployment the emulator serves. */
export interface KubeEmulatorDeployment {
  readonly namespace: string;
  readonly name: string;
  /** Initial spec.replicas (status follows). Default 1. */
  readonly replicas?: number;
}

/** Options of {@link startKubernetesEmulator}. */
export interface KubeEmulatorOptions {
  /** Bearer token clients must send. Default: random. */
  readonly token?: string;
  readonly deployments?: readonly KubeEmulatorDeployment[];
  /** Time for status.replicas to follow a change of spec.replicas (ms). Default 100. */
  readonly rolloutMs?: number;
  /** Clock (ms). Default `Date.now`. */
  readonly now?: () => number;
  /** Serve https with this PEM key and certificate (like a real API server). Default: plain http. */
  readonly tls?: {
    readonly key: string;
    readonly cert: string;
    /**
     * PEM CA of client certificates: a client presenting a certificate it
     * signed is authenticated without a token (x509 client auth). Default: none.
     */
    readonly clientCa?: string;
  };
  /** HorizontalPodAutoscalers (autoscaling/v2) the emulator lists. Default: none. */
  readonly hpas?: readonly KubeEmulatorHpa[];
}

/** A HorizontalPodAutoscaler that targets a Deployment. */
export interface KubeEmulatorHpa {
  readonly namespace: string;
  readonly name: string;
  /** Name of the Deployment in `scaleTargetRef`. */
  readonly deployment: string;
}

/** The autoscaling/v1 Scale object. */
export interface KubeScale {
  apiVersion: 'autoscaling/v1';
  kind: 'Scale';
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
    creationTimestamp: string;
  };
  spec: { replicas: number };
  status: { replicas: number; selector: string };
}

/** A fault answered ahead of normal handling, as a Status object. */
export interface KubeFault {
  readonly status: number;
  /** Status `reason`, e.g. `TooManyRequests`, `InternalError`. Default from the code. */
  readonly reason?: string;
  readonly method?: string;
  /** Number of requests to answer. Default 1. */
  readonly count?: number;
}

/** A running Kubernetes API emulator (only the Deployment scale subresource). */
export interface KubeEmulator {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
  readonly state: {
    /** The Scale object now (status settled), or undefined. */
    scale(namespace: string, name: string): KubeScale | undefined;
    readonly requests: readonly {
      method: string;
      path: string;
      status: number;
      contentType?: string;
      /** How the request authenticated: `token` or `x509` (a client certificate). */
      auth?: 'token' | 'x509';
    }[];
  };
  readonly faults: {
    inject(fault: KubeFault): void;
    /** A concurrent writer: bumps the resourceVersion (and optionally replicas) behind the client's back. */
    concurrentWrite(namespace: string, name: string, replicas?: number): void;
  };
}
