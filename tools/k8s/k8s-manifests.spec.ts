import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseAllDocuments, parse } from 'yaml';
import type { z } from 'zod';
import { dispatchSyncEnvSchema } from '../../apps/dispatch-sync/src/dispatch-sync.env.js';
import { gatewayEnvSchema } from '../../apps/gateway/src/gateway.env.js';
import { identityEnvSchema } from '../../apps/identity/src/identity.env.js';
import { printingEnvSchema } from '../../apps/printing/src/printing.env.js';
import {
  PRINT_QUEUE,
  queuePrefix,
} from '../../apps/printing/src/modules/print-jobs/print-queue.js';
import { recruitingEnvSchema } from '../../apps/recruiting/src/recruiting.env.js';
import { reviewEnvSchema } from '../../apps/review/src/review.env.js';
import { signingEnvSchema } from '../../apps/signing/src/signing.env.js';
import { capacityModel, DOCUMENTED_FIGURES } from '../../scripts/capacity.mjs';

/**
 * Keeps deploy/k8s honest without a cluster: the province overlay renders (`kubectl kustomize`),
 * every object validates against the Kubernetes and KEDA schemas, and what the manifests say
 * agrees with the apps (their env schemas, the print queue's key), API.md and the README
 * (documented variables), and docs/capacity.md (the print workers' range).
 */
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string };
    secretKeyRef?: { name: string; key: string };
  };
}

const OVERLAY = 'deploy/k8s/overlays/province';
const NAMESPACE = 'netsign-province';
function render(): string {
  try {
    return execFileSync('kubectl', ['kustomize', OVERLAY], { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'kubectl is not installed: this test renders deploy/k8s with `kubectl kustomize` (apt-get install kubectl)',
      );
    }
    throw err;
  }
}
const rendered: K8sObject[] = parseAllDocuments(render()).map((d) => d.toJSON() as K8sObject);
const all = (kind: string) => rendered.filter((o) => o.kind === kind);
const one = (kind: string, name: string) => {
  const found = rendered.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const deployments = all('Deployment');
const container = (d: K8sObject) =>
  d.spec.template.spec.containers[0] as {
    command: string[];
    env: EnvVar[];
    ports?: Array<{ name: string; containerPort: number }>;
    resources: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
    readinessProbe?: any;
    livenessProbe?: any;
  };
const appOf = (d: K8sObject) =>
  /dist\/apps\/([a-z-]+)\/src\/main\.js/.exec(container(d).command.join(' '))?.[1];
const envOf = (d: K8sObject) => new Map(container(d).env.map((e) => [e.name, e]));
const config = one('ConfigMap', 'netsign-config').data!;
const literal = (e: EnvVar | undefined) =>
  e?.value ?? (e?.valueFrom?.configMapKeyRef ? config[e.valueFrom.configMapKeyRef.key] : undefined);

const schemas: Record<string, z.ZodType> = {
  gateway: gatewayEnvSchema,
  identity: identityEnvSchema,
  recruiting: recruitingEnvSchema,
  signing: signingEnvSchema,
  review: reviewEnvSchema,
  printing: printingEnvSchema,
  'dispatch-sync': dispatchSyncEnvSchema,
};
/** The object schema under refinements and transforms. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  const s = schema as unknown as {
    shape?: Record<string, z.ZodType>;
    _zod: { def: { type: string; in?: z.ZodType } };
  };
  if (s.shape) return s.shape;
  if (s._zod.def.type === 'pipe' && s._zod.def.in) return shapeOf(s._zod.def.in);
  throw new Error(`no object schema in ${s._zod.def.type}`);
}

/** The values people must supply; never written into a manifest. */
const SECRETS = [
  'ID_ENCRYPTION_KEY',
  'ID_ENCRYPTION_KEY_ID',
  'BLIND_INDEX_KEY',
  'JWT_PRIVATE_KEY',
  'PROVINCE_DISPATCH_SECRET',
  'METRICS_TOKEN',
  'WECHAT_SECRET',
  'BOOTSTRAP_ADMIN_PASSWORD',
  'PDF_SIGNING_P12',
  'PDF_SIGNING_P12_PASSPHRASE',
];
const devOnlyApps = ['wechat-fake', 'province-standin'];

async function modelClass(
  apiVersion: string,
  kind: string,
): Promise<new (data: unknown) => { validate(): void }> {
  const module: Record<string, unknown> = apiVersion.startsWith('keda.sh/')
    ? await import(`@kubernetes-models/keda/${apiVersion}`)
    : await import(`kubernetes-models/${apiVersion}`);
  const model = module[kind];
  if (typeof model !== 'function') throw new Error(`no schema for ${apiVersion} ${kind}`);
  return model as new (data: unknown) => { validate(): void };
}

describe(`Kubernetes manifests (${OVERLAY})`, () => {
  it('render, every object in the overlay namespace and valid against its schema', async () => {
    expect(rendered.length).toBeGreaterThan(20);
    const invalid: string[] = [];
    for (const object of rendered) {
      expect([object.kind, object.metadata.name, object.metadata.namespace]).toEqual([
        object.kind,
        object.metadata.name,
        NAMESPACE,
      ]);
      if (object.apiVersion.startsWith('postgresql.cnpg.io/')) continue; // checked below: no published models
      const Model = await modelClass(object.apiVersion, object.kind);
      try {
        new Model(object).validate();
      } catch (err) {
        invalid.push(`${object.kind}/${object.metadata.name}: ${(err as Error).message}`);
      }
    }
    expect(invalid).toEqual([]);
  });

  it('validation catches what a cluster would refuse (the schemas are enforced, not decoration)', async () => {
    const deployment = structuredClone(one('Deployment', 'gateway'));
    deployment.spec.replicas = 'two';
    const Deployment = await modelClass('apps/v1', 'Deployment');
    expect(() => new Deployment(deployment).validate()).toThrow();
    const scaled = structuredClone(one('ScaledObject', 'print-worker'));
    delete scaled.spec.scaleTargetRef;
    const ScaledObject = await modelClass('keda.sh/v1alpha1', 'ScaledObject');
    expect(() => new ScaledObject(scaled).validate()).toThrow();
  });

  it('runs every app as a Deployment, the print worker on its own', () => {
    const apps = readdirSync('apps').filter(
      (a) => existsSync(`apps/${a}/src/main.ts`) && !devOnlyApps.includes(a),
    );
    expect(apps.sort()).toEqual(Object.keys(schemas).sort());
    for (const app of apps)
      expect([app, deployments.some((d) => appOf(d) === app)]).toEqual([app, true]);
    expect(literal(envOf(one('Deployment', 'print-worker')).get('PRINT_ROLE'))).toBe('worker');
    expect(literal(envOf(one('Deployment', 'printing')).get('PRINT_ROLE'))).toBe('api');
  });

  it('gives each process only variables its app reads, with values its env schema accepts, documented in API.md or the README', () => {
    const documented = readFileSync('../shared/API.md', 'utf8') + readFileSync('README.md', 'utf8');
    for (const d of deployments) {
      const shape = shapeOf(schemas[appOf(d)!]!);
      for (const e of container(d).env) {
        expect([d.metadata.name, e.name, e.name in shape]).toEqual([d.metadata.name, e.name, true]);
        expect([e.name, documented.includes(`\`${e.name}\``)]).toEqual([e.name, true]);
        const value = literal(e);
        if (value !== undefined) {
          const parsed = shape[e.name]!.safeParse(value);
          expect([d.metadata.name, e.name, value, parsed.success]).toEqual([
            d.metadata.name,
            e.name,
            value,
            true,
          ]);
        }
      }
      for (const v of ['DATABASE_URL', 'NATS_URL', 'JETSTREAM_REPLICAS', 'REDIS_URL', 'NODE_ENV']) {
        if (v in shape)
          expect([d.metadata.name, v, envOf(d).has(v)]).toEqual([d.metadata.name, v, true]);
      }
      expect(literal(envOf(d).get('NODE_ENV'))).toBe('production');
    }
  });

  it('takes secrets from Secrets by name, never from the manifests', () => {
    expect(all('Secret')).toEqual([]);
    for (const d of deployments) {
      for (const e of container(d).env) {
        if (SECRETS.includes(e.name)) {
          expect([e.name, e.value, e.valueFrom?.secretKeyRef?.name]).toEqual([
            e.name,
            undefined,
            'netsign-secrets',
          ]);
        }
        if (e.name === 'DATABASE_URL')
          expect(e.valueFrom?.secretKeyRef).toEqual({ name: 'netsign-pg-app', key: 'uri' });
      }
    }
    const required = new Set(
      deployments.flatMap((d) =>
        container(d)
          .env.filter((e) => e.valueFrom?.secretKeyRef?.name === 'netsign-secrets')
          .map((e) => e.name),
      ),
    );
    for (const name of [
      'ID_ENCRYPTION_KEY',
      'BLIND_INDEX_KEY',
      'JWT_PRIVATE_KEY',
      'PROVINCE_DISPATCH_SECRET',
      'METRICS_TOKEN',
      'PDF_SIGNING_P12',
    ])
      expect(required).toContain(name);
    for (const value of Object.values(config))
      expect(value).not.toMatch(/(password|secret|BEGIN .*KEY)/i);
    // Printing refuses to start in production without the bundle it signs PDFs with: every printing process gets it.
    for (const d of deployments.filter((x) => appOf(x) === 'printing')) {
      expect([
        d.metadata.name,
        envOf(d).has('PDF_SIGNING_P12'),
        envOf(d).has('PDF_SIGNING_P12_PASSPHRASE'),
      ]).toEqual([d.metadata.name, true, true]);
    }
  });

  it('probes every process on its own health, asks for resources, and keeps one up through disruptions', () => {
    const pdbs = all('PodDisruptionBudget');
    for (const d of deployments) {
      const c = container(d);
      const name = d.metadata.name;
      expect([name, Boolean(c.readinessProbe && c.livenessProbe)]).toEqual([name, true]);
      expect([
        name,
        c.resources.requests?.cpu,
        c.resources.requests?.memory,
        c.resources.limits?.memory,
      ]).toEqual([name, expect.any(String), expect.any(String), expect.any(String)]);
      if (appOf(d) === 'gateway') {
        const port = c.ports!.find((p) => p.name === 'http')!.containerPort;
        expect(Number(literal(envOf(d).get('GATEWAY_PORT')))).toBe(port);
      } else {
        const port = Number(literal(envOf(d).get('HEALTH_PORT')));
        expect(c.ports!.find((p) => p.name === 'health')?.containerPort).toBe(port);
        expect([name, c.readinessProbe.httpGet, c.livenessProbe.httpGet]).toEqual([
          name,
          { path: '/readyz', port: 'health' },
          { path: '/livez', port: 'health' },
        ]);
      }
      const labels = d.spec.template.metadata.labels as Record<string, string>;
      const pdb = pdbs.find((p) =>
        Object.entries(p.spec.selector.matchLabels as Record<string, string>).every(
          ([k, v]) => labels[k] === v,
        ),
      );
      expect([name, pdb?.metadata.name]).toEqual([name, name]);
      if (d.spec.replicas > 1) expect([name, pdb!.spec.minAvailable]).toEqual([name, 1]);
    }
  });

  it('puts the gateway behind a Service and an Ingress', () => {
    const service = one('Service', 'gateway');
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'gateway' });
    expect(service.spec.ports[0].targetPort).toBe('http');
    const backend = one('Ingress', 'gateway').spec.rules[0].http.paths[0].backend.service;
    expect(backend).toEqual({ name: 'gateway', port: { name: 'http' } });
    expect(one('Ingress', 'gateway').spec.rules[0].host).toBe(
      new URL(config['PUBLIC_BASE_URL']!).host,
    );
  });

  it('scales print workers with KEDA on the BullMQ wait list of `print`, within the capacity model', () => {
    const scaled = one('ScaledObject', 'print-worker');
    expect(scaled.spec.scaleTargetRef.name).toBe('print-worker');
    const trigger = scaled.spec.triggers[0];
    expect(trigger.type).toBe('redis');
    expect(trigger.metadata.listName).toBe(
      `${queuePrefix({ BUS_PREFIX: '' })}:${PRINT_QUEUE}:wait`,
    );
    expect(trigger.metadata.address).toBe(`redis.${NAMESPACE}.svc.cluster.local:6379`);
    const province = capacityModel(DOCUMENTED_FIGURES, { graduates: 500_000 });
    const workers = province.rows.find((r) => r.component === 'print-worker')!.count;
    expect([scaled.spec.minReplicaCount, scaled.spec.maxReplicaCount]).toEqual([1, workers]);
    // The services run as many replicas as the model gives a province.
    for (const d of deployments.filter((x) => x.metadata.name !== 'print-worker')) {
      const component = d.metadata.name === 'printing' ? 'printing (api)' : d.metadata.name;
      const planned = province.rows.find((r) => r.component === component)?.count;
      expect([d.metadata.name, d.spec.replicas]).toEqual([d.metadata.name, planned]);
    }
    expect(one('Cluster', 'netsign-pg').spec.resources.requests.cpu).toBe(
      String(province.rows.find((r) => r.component === 'postgres (primary)')!.count),
    );
    // Each worker renders one page at a time on the core it asks for (PDFs per core).
    const worker = one('Deployment', 'print-worker');
    expect(literal(envOf(worker).get('PRINT_CONCURRENCY'))).toBe('1');
    expect(container(worker).resources.requests?.cpu).toBe('1');
  });

  it('runs NATS as three JetStream nodes with file storage, and the services with three replicas of each stream', () => {
    const values = parse(readFileSync('deploy/k8s/nats/values.yaml', 'utf8')) as any;
    expect(values.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(values.config.jetstream).toMatchObject({
      enabled: true,
      fileStore: { enabled: true, pvc: { enabled: true } },
    });
    expect(config['JETSTREAM_REPLICAS']).toBe('3');
    expect(config['NATS_URL']!.split(',')).toHaveLength(3);
  });

  it('runs PostgreSQL as a CloudNativePG cluster of three and Redis with AOF persistence for BullMQ', () => {
    const pg = one('Cluster', 'netsign-pg');
    expect(pg.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(pg.spec.instances).toBe(3);
    expect(pg.spec.bootstrap.initdb).toMatchObject({ database: 'employment', owner: 'netsign' });
    expect(pg.spec.storage.size).toEqual(expect.any(String));
    const redis = one('StatefulSet', 'redis').spec.template.spec.containers[0].args.join(' ');
    expect(redis).toContain('--appendonly yes');
    expect(redis).toContain('--maxmemory-policy noeviction');
    expect(one('StatefulSet', 'redis').spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    expect(new URL(config['REDIS_URL']!).hostname).toBe(one('Service', 'redis').metadata.name);
  });
});
