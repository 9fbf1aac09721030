import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Docker cannot run on the development machines, so this test keeps docker-compose.yml honest:
 * every app is deployed, print workers can scale, and variables are the ones API.md names.
 */
interface ComposeService {
  image?: string;
  build?: { dockerfile?: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  container_name?: string;
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const apiMd = readFileSync('../shared/API.md', 'utf8');
const apiVariables = new Set(
  [...apiMd.matchAll(/^\| `([A-Z_]+)`(?:, `([A-Z_]+)`)?(?:, `([A-Z_]+)`)?/gm)].flatMap((m) =>
    m.slice(1).filter(Boolean),
  ),
);
/** Variables of ours beyond API.md's table, each documented in the README's configuration table. */
const extraVariables = [
  'NODE_ENV',
  'PRINT_ROLE',
  'ID_ENCRYPTION_KEY',
  'ID_ENCRYPTION_KEY_ID',
  'BLIND_INDEX_KEY',
  'JWT_PRIVATE_KEY',
  'SIGNING_KEY_ENCRYPTION_KEY',
  'PROVINCE_STANDIN_PORT',
  'PROVINCE_STANDIN_HOST',
  'METRICS_TOKEN',
  'PDF_SIGNING_P12',
  'PDF_SIGNING_P12_PASSPHRASE',
];
const devOnlyApps = ['wechat-fake'];
const infrastructure = ['postgres', 'nats', 'redis'];

describe('docker-compose.yml', () => {
  it('reads API.md variables: every name of its configuration table, rows naming several included', () => {
    // The other cases judge compose by this set: a parser that read too little would let a stray
    // variable through, one that read endpoint rows would let anything through.
    expect([...apiVariables].sort()).toEqual(
      [
        'DATABASE_URL',
        'NATS_URL',
        'REDIS_URL',
        'GATEWAY_PORT',
        'PUBLIC_BASE_URL',
        'BOOTSTRAP_ADMIN_PASSWORD',
        'WECHAT_APPID',
        'WECHAT_SECRET',
        'WECHAT_API_BASE',
        'PROVINCE_DISPATCH_URL',
        'PROVINCE_DISPATCH_SECRET',
        'CHROMIUM_PATH',
        'STORAGE_DIR',
        'PRINT_CONCURRENCY',
      ].sort(),
    );
  });

  it('deploys every app', () => {
    const apps = readdirSync('apps').filter(
      (a) => existsSync(`apps/${a}/src/main.ts`) && !devOnlyApps.includes(a),
    );
    const commands = Object.values(services).map((s) => (s.command ?? []).join(' '));
    for (const app of apps) {
      expect(commands.some((c) => c.includes(`dist/apps/${app}/src/main.js`))).toBe(true);
    }
  });

  it('runs infrastructure with JetStream on', () => {
    for (const name of infrastructure) expect(services[name]).toBeDefined();
    expect(services['nats']!.command).toContain('-js');
  });

  it('has a print-worker service that can be scaled', () => {
    const worker = services['print-worker']!;
    expect(worker).toBeDefined();
    expect(worker.environment?.['PRINT_ROLE']).toBe('worker');
    expect(worker.ports).toBeUndefined();
    expect(worker.container_name).toBeUndefined();
    expect(services['printing']!.environment?.['PRINT_ROLE']).toBe('api');
  });

  it('uses only variables that API.md or the README define', () => {
    for (const [name, service] of Object.entries(services)) {
      if (infrastructure.includes(name)) continue;
      for (const variable of Object.keys(service.environment ?? {})) {
        expect([name, apiVariables.has(variable) || extraVariables.includes(variable)]).toEqual([
          name,
          true,
        ]);
      }
      if (name !== 'province-standin') {
        for (const v of ['DATABASE_URL', 'NATS_URL', 'REDIS_URL'])
          expect([name, v, service.environment?.[v]]).toEqual([name, v, expect.any(String)]);
      }
    }
    const readme = readFileSync('README.md', 'utf8');
    for (const v of extraVariables) expect([v, readme.includes(`\`${v}\``)]).toEqual([v, true]);
  });

  it('builds from Dockerfiles that exist; the printing image has Chromium and CJK fonts', () => {
    for (const service of Object.values(services)) {
      if (service.build?.dockerfile) expect(existsSync(service.build.dockerfile)).toBe(true);
    }
    const printing = readFileSync(services['print-worker']!.build!.dockerfile!, 'utf8');
    expect(printing).toMatch(/chromium/);
    expect(printing).toMatch(/fonts-noto-cjk/);
  });
});
