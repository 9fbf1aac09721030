import { afterEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { busyPort, PortProblem, portFromEnv } from '../../scripts/lib/ports.mjs';
import { buildProcessList } from '../../scripts/system.mjs';

/**
 * `npm start`'s port checks (scripts/lib/ports.mjs): a port already in use is one line naming the
 * port and the variable that moves it; the stand-ins' URLs follow their port variables.
 */
const servers: net.Server[] = [];

/** Occupies a free port on `host` (as something else on the machine would) and returns it. */
async function occupy(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return (server.address() as net.AddressInfo).port;
}

/** A port nobody listens on (taken, then released). */
async function free(): Promise<number> {
  const port = await occupy();
  const server = servers.pop()!;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('npm start port checks', () => {
  it('names a port in use and the variable that moves it, in one line', async () => {
    const port = await occupy();
    const message = await busyPort([
      { name: 'gateway', port: { number: port, variable: 'GATEWAY_PORT', host: '0.0.0.0' } },
    ]);
    expect(message).toBe(
      `port ${port} is in use (GATEWAY_PORT, for gateway): stop what uses it or set GATEWAY_PORT`,
    );
  });

  it('checks the stand-ins on the ports their variables give, and points the services at them', async () => {
    const [gateway, wechat] = [await free(), await free()];
    const province = await occupy();
    const list = buildProcessList({
      env: {
        GATEWAY_PORT: String(gateway),
        PROVINCE_STANDIN_PORT: String(province),
        WECHAT_FAKE_PORT: String(wechat),
      },
      root: '/nowhere',
    });
    const identity = list.find((p) => p.name === 'identity')!;
    expect(identity.env.PROVINCE_DISPATCH_URL).toBe(`http://127.0.0.1:${province}`);
    expect(identity.env.WECHAT_API_BASE).toBe(`http://127.0.0.1:${wechat}`);
    expect(list.find((p) => p.name === 'province')!.env.PROVINCE_STANDIN_PORT).toBe(
      String(province),
    );
    expect(list.find((p) => p.name === 'wechat')!.env.WECHAT_FAKE_PORT).toBe(String(wechat));
    expect(await busyPort(list)).toBe(
      `port ${province} is in use (PROVINCE_STANDIN_PORT, for province): stop what uses it or set PROVINCE_STANDIN_PORT`,
    );
  });

  it('answers null when every port is free', async () => {
    const [gateway, province, wechat] = [await free(), await free(), await free()];
    const list = buildProcessList({
      env: {
        GATEWAY_PORT: String(gateway),
        PROVINCE_STANDIN_PORT: String(province),
        WECHAT_FAKE_PORT: String(wechat),
      },
    });
    expect(await busyPort(list)).toBeNull();
  });

  it('gives each service its own health port from HEALTH_PORT and checks them too', async () => {
    const health = await occupy();
    const list = buildProcessList({
      replicas: 2,
      env: {
        HEALTH_PORT: String(health),
        PROVINCE_DISPATCH_URL: 'http://province',
        WECHAT_API_BASE: 'http://wechat',
        GATEWAY_PORT: String(await free()),
      },
    });
    const probes = list.filter((p) => p.port?.variable === 'HEALTH_PORT');
    expect(probes.map((p) => p.env.HEALTH_PORT)).toEqual(probes.map((_, i) => String(health + i)));
    expect(probes).toHaveLength(14); // 6 services + the print worker, two of each
    expect(list.find((p) => p.role === 'gateway')!.env.HEALTH_PORT).toBeUndefined();
    expect(await busyPort(list)).toBe(
      `port ${health} is in use (HEALTH_PORT, for identity-1): stop what uses it or set HEALTH_PORT`,
    );
  });

  it('refuses two processes on one port, and a variable that is not a port', async () => {
    const port = await free();
    const list = buildProcessList({
      env: {
        GATEWAY_PORT: String(port),
        PROVINCE_STANDIN_PORT: String(port),
        WECHAT_API_BASE: 'http://wechat',
      },
    });
    expect(await busyPort(list)).toBe(
      `port ${port} is wanted by both province and gateway (PROVINCE_STANDIN_PORT and GATEWAY_PORT): set PROVINCE_STANDIN_PORT and GATEWAY_PORT so that they differ`,
    );
    expect(() => portFromEnv({ GATEWAY_PORT: 'abc' }, 'GATEWAY_PORT', 3000)).toThrow(PortProblem);
    expect(() => buildProcessList({ env: { WECHAT_FAKE_PORT: '70000' } })).toThrow(
      'WECHAT_FAKE_PORT must be a port number from 1 to 65535, got "70000"',
    );
    expect(portFromEnv({ GATEWAY_PORT: '' }, 'GATEWAY_PORT', 3000)).toBe(3000);
  });

  it('makes `npm start` stop at once with that one line (before infrastructure or build)', async () => {
    const port = await occupy('0.0.0.0');
    const env: Record<string, string | undefined> = {
      ...process.env,
      GATEWAY_PORT: String(port),
      PROVINCE_DISPATCH_URL: 'http://127.0.0.1:9',
      WECHAT_API_BASE: 'http://127.0.0.1:9',
    };
    delete env['REPLICAS'];
    delete env['HEALTH_PORT'];
    // A listening socket refuses the child's bind even while this process waits (synchronously).
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `[start] port ${port} is in use (GATEWAY_PORT, for gateway): stop what uses it or set GATEWAY_PORT\n`,
    );
  });
});
