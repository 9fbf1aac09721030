import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadEnv } from '@netsign/config';
import type { ServiceName } from '@netsign/contracts';
import { runService, type RunningService, type ServiceDefinition } from '@netsign/runtime';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import { createGateway } from '../../apps/gateway/src/create-gateway.js';
import { gatewayEnvSchema } from '../../apps/gateway/src/gateway.env.js';
import { SERVICE_DEFINITIONS } from './service-definitions.js';

/** One answer of the gateway as `Platform.http` saw it (e2e/support/openapi-conformance.ts checks them). */
export interface RecordedAnswer {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

export interface Platform {
  url: string;
  /** Every answer `http` received, in order. */
  answers: RecordedAnswer[];
  env: TestEnv;
  gateway: NestFastifyApplication;
  services: Map<ServiceName, RunningService<unknown>>;
  /** fetch against the gateway, JSON in and out. */
  http(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  stopService(name: ServiceName): Promise<void>;
  startService(name: ServiceName): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole system in one test process: every service (its own Nest app, database schema and
 * NATS connection, as in production) plus the gateway on a random port, in a private database
 * and bus namespace.
 */
export async function startPlatform(
  label: string,
  options: { services?: ServiceName[]; vars?: Record<string, string> } = {},
): Promise<Platform> {
  const env = await createTestEnv(label, options.vars);
  const services = new Map<ServiceName, RunningService<unknown>>();
  const names = options.services ?? (Object.keys(SERVICE_DEFINITIONS) as ServiceName[]);
  const start = async (name: ServiceName) => {
    const def = SERVICE_DEFINITIONS[name] as ServiceDefinition<never>;
    services.set(name, (await runService(def, env.vars)) as RunningService<unknown>);
  };
  for (const name of names) await start(name);
  const gateway = await createGateway(
    loadEnv('gateway', gatewayEnvSchema, { ...env.vars, GATEWAY_PORT: '0', RATE_LIMIT_PER_MINUTE: '100000' }),
  );
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  const url = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
  const answers: RecordedAnswer[] = [];
  return {
    url,
    answers,
    env,
    gateway,
    services,
    async http(method, path, { token, body, headers = {} } = {}) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (e.g. metrics)
      }
      answers.push({ method, path, status: res.status, contentType: res.headers.get('content-type'), body: parsed });
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async stopService(name) {
      await services.get(name)?.close();
      services.delete(name);
    },
    startService: start,
    async close() {
      await gateway.close();
      for (const s of services.values()) await s.close();
      await env.dispose();
    },
  };
}
