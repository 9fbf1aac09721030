import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthCheckResult {
  ready: boolean;
  body: unknown;
}

/**
 * The probes an orchestrator calls on one process (HEALTH_PORT; Kubernetes in deploy/k8s):
 * `GET /livez` answers 200 while the event loop turns; `GET /readyz` answers 200 when `check`
 * says the process can serve (its database and NATS reachable), 503 otherwise, with the check's
 * body. A service's NATS health request cannot serve here: a queue group answers it from any
 * replica, not from the pod being probed.
 */
export async function startHealthServer(
  port: number,
  host: string,
  check: () => Promise<HealthCheckResult>,
): Promise<Server> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return reply(405, { status: 'method not allowed' });
    if (req.url === '/livez') return reply(200, { status: 'up' });
    if (req.url !== '/readyz') return reply(404, { status: 'not found' });
    const timeout = new Promise<HealthCheckResult>((resolve) =>
      setTimeout(
        () => resolve({ ready: false, body: { status: 'down', reason: 'health check timed out' } }),
        3_000,
      ).unref(),
    );
    Promise.race([check(), timeout]).then(
      (result) => reply(result.ready ? 200 : 503, result.body),
      (err: unknown) => reply(503, { status: 'down', reason: (err as Error).message }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  // Never the reason a process stays up after its shutdown.
  server.unref();
  return server;
}

export function healthServerPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
