export declare class PortProblem extends Error {}

export interface PortUse {
  /** The process that will listen, e.g. `gateway` or `identity-2`. */
  name: string;
  port?: { number: number; variable: string; host: string };
}

export declare function portFromEnv(
  env: Record<string, string | undefined>,
  variable: string,
  fallback: number,
): number;
export declare function probePort(port: number, host?: string): Promise<void>;
export declare function busyPort(list: readonly PortUse[]): Promise<string | null>;
