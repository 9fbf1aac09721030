export declare const NATS_SERVER_CANDIDATES: readonly string[];

export interface NatsClusterOptions {
  size?: number;
  clientPort?: number;
  clusterPort?: number;
  storeRoot?: string;
  clusterName?: string;
  host?: string;
  readyTimeoutMs?: number;
  log?: (node: string, line: string) => void;
}

export interface NatsClusterNode {
  name: string;
  port: number;
  clusterPort: number;
  storeDir: string;
  url: string;
  args: string[];
}

export interface NatsCluster {
  nodes: NatsClusterNode[];
  /** For NATS_URL: every node, comma-separated. */
  url: string;
  start(name: string): number | undefined;
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  ready(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  pid(name: string): number | undefined;
}

export declare function natsClusterNodes(options?: NatsClusterOptions): NatsClusterNode[];
export declare function startNatsCluster(options?: NatsClusterOptions): Promise<NatsCluster>;
