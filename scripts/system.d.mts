import type { ChildProcess } from 'node:child_process';

export { busyPort, PortProblem, portFromEnv, probePort } from './lib/ports.mjs';

export declare const SERVICES: readonly string[];

export interface ProcessSpec {
  /** `identity`, or `identity-2` when there are several replicas. */
  name: string;
  /** What the process is: a service name, `print-worker`, `gateway`, `province` or `wechat`. */
  role: string;
  app: string;
  /** The built entry point under dist/. */
  main: string;
  env: Record<string, string | undefined>;
  port?: { number: number; variable: string; host: string };
}

export interface RunningProcess {
  spec: ProcessSpec;
  child: ChildProcess;
  pid: number | undefined;
  startedAt: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export declare function buildProcessList(options?: {
  replicas?: number;
  env?: Record<string, string | undefined>;
  root?: string;
}): ProcessSpec[];
export declare function freePort(): Promise<number>;
export declare function startProcess(
  spec: ProcessSpec,
  options?: { logDir?: string; onLine?: (name: string, line: string) => void; nodeArgs?: string[] },
): RunningProcess;
export declare function killProcess(running: RunningProcess): Promise<void>;
export declare function stopProcesses(list: RunningProcess[], graceMs?: number): Promise<void>;
