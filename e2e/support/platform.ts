import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadEnv } from '@netsign/config';
import type { ServiceName } from '@netsign/contracts';
import { runService, type RunningService, type ServiceDefinition } from '@netsign/runtime';
import { startProvinceStandin, type ProvinceStandin } from '@netsign/province-standin';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import type { DestinationStream } from 'pino';
import { createGateway } from '../../apps/gateway/src/create-gateway.js';
import { gatewayEnvSchema } from '../../apps/gateway/src/gateway.env.js';
import { badlyMaskedIdNumbers } from './masking.js';
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
  /** Every gateway's URL (two or more with E2E_REPLICAS); `http` takes them in turn. */
  urls: string[];
  env: TestEnv;
  gateway: NestFastifyApplication;
  /** The first replica of each service (its data source, its Nest app). */
  services: Map<ServiceName, RunningService<unknown>>;
  /** fetch against the gateway, JSON in and out; fails on any `idNumberMasked` not exactly masked. */
  http(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  stopService(name: ServiceName): Promise<void>;
  startService(name: ServiceName): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole system in one test process: every service (its own Nest app, database schema and
 * NATS connection, as in production) plus the gateway on a random port, in a private database
 * and bus namespace. E2E_REPLICAS=N runs N of each service and N gateways (replicas share
 * requests through NATS queue groups and events through durable consumers, as in
 * `npm start -- --replicas=N`); stopping a service stops every replica of it.
 */
const REPLICAS = Math.max(1, Number(process.env.E2E_REPLICAS ?? 1) || 1);

export async function startPlatform(
  label: string,
  options: {
    services?: ServiceName[];
    vars?: Record<string, string>;
    /** Gateway variables beside the shared ones (e.g. its rate limits). */
    gatewayVars?: Record<string, string>;
    /** Where the gateway writes its log (JSON lines); stdout otherwise. */
    gatewayLog?: DestinationStream;
  } = {},
): Promise<Platform> {
  // Replicas share the connections one platform would have (the machine's Postgres allows 100).
  const pool: Record<string, string> =
    REPLICAS > 1 ? { DB_POOL_SIZE: String(Math.max(2, Math.floor(4 / REPLICAS))) } : {};
  // A provincial stand-in of the platform's own unless the test brings one: dispatch-sync must
  // never post to whatever listens on the default port (a developer's `npm start`), nor answer
  // the province admin's reconciliation 503 because nothing does.
  const province = options.vars?.['PROVINCE_DISPATCH_URL']
    ? null
    : await startProvinceStandin({
        port: 0,
        host: '127.0.0.1',
        secret: options.vars?.['PROVINCE_DISPATCH_SECRET'] ?? 'dev-dispatch-secret',
      });
  const env = await createTestEnv(label, {
    ...pool,
    ...(province ? { PROVINCE_DISPATCH_URL: province.url } : {}),
    ...options.vars,
  });
  const services = new Map<ServiceName, RunningService<unknown>>();
  const replicas = new Map<ServiceName, RunningService<unknown>[]>();
  const names = options.services ?? (Object.keys(SERVICE_DEFINITIONS) as ServiceName[]);
  const start = async (name: ServiceName) => {
    const def = SERVICE_DEFINITIONS[name] as ServiceDefinition<never>;
    const all: RunningService<unknown>[] = [];
    for (let i = 0; i < REPLICAS; i++)
      all.push((await runService(def, env.vars)) as RunningService<unknown>);
    replicas.set(name, all);
    services.set(name, all[0]!);
  };
  for (const name of names) await start(name);
  const gateways: NestFastifyApplication[] = [];
  for (let i = 0; i < REPLICAS; i++) {
    const g = await createGateway(
      loadEnv('gateway', gatewayEnvSchema, {
        ...env.vars,
        GATEWAY_PORT: '0',
        RATE_LIMIT_PER_MINUTE: '100000',
        ...options.gatewayVars,
      }),
      { logDestination: options.gatewayLog },
    );
    await g.listen({ port: 0, host: '127.0.0.1' });
    gateways.push(g);
  }
  const gateway = gateways[0]!;
  const urls = await Promise.all(
    gateways.map(async (g) => (await g.getUrl()).replace('[::1]', '127.0.0.1')),
  );
  const url = urls[0]!;
  const answers: RecordedAnswer[] = [];
  let turn = 0;
  return {
    url,
    urls,
    answers,
    env,
    gateway,
    services,
    async http(method, path, { token, body, headers = {} } = {}) {
      const res = await fetch(`${urls[turn++ % urls.length]}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (e.g. metrics)
      }
      // The OpenAPI document describes `idNumberMasked` (a schema object), it does not return one.
      const badlyMasked = path.startsWith('/api/docs') ? [] : badlyMaskedIdNumbers(parsed);
      if (badlyMasked.length > 0) {
        throw new Error(
          `${method} ${path} returned ID numbers not masked as 340104********1234: ${badlyMasked.join(', ')}`,
        );
      }
      answers.push({
        method,
        path,
        status: res.status,
        contentType: res.headers.get('content-type'),
        body: parsed,
      });
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async stopService(name) {
      for (const s of replicas.get(name) ?? []) await s.close();
      replicas.delete(name);
      services.delete(name);
    },
    startService: start,
    async close() {
      for (const g of gateways) await g.close();
      for (const all of replicas.values()) for (const s of all) await s.close();
      await env.dispose();
      await province?.close();
    },
  };
}
