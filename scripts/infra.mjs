#!/usr/bin/env node
// Makes sure PostgreSQL, Redis and NATS (with JetStream) are reachable at the configured URLs.
// If one is not and it is meant to be local, starts the locally installed server; otherwise says
// exactly what is missing. Docker is never needed.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';

const services = [
  {
    name: 'PostgreSQL',
    url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/employment',
    port: 5432,
    start: () => {
      if (!existsSync('/etc/postgresql')) return null;
      const version = readdirSync('/etc/postgresql')[0];
      return `pg_ctlcluster --skip-systemctl-redirect ${version} main start`;
    },
    install: 'apt-get install postgresql (then it starts as a service)',
  },
  {
    name: 'Redis',
    url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    port: 6379,
    start: () =>
      has('redis-server')
        ? 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no'
        : null,
    install: 'apt-get install redis-server',
  },
  {
    name: 'NATS (JetStream)',
    url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    port: 4222,
    start: () => {
      const bin = [
        '/usr/sbin/nats-server',
        '/usr/bin/nats-server',
        '/usr/local/bin/nats-server',
      ].find(existsSync);
      if (!bin) return null;
      execSync('mkdir -p /tmp/netsign-nats');
      return `start-stop-daemon --start --oknodo --background --exec ${bin} -- -a 127.0.0.1 -p 4222 -js -sd /tmp/netsign-nats`;
    },
    install: 'apt-get install nats-server (run with -js)',
  },
];

function has(cmd) {
  try {
    execSync(`command -v ${cmd}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
}

function reachable(url, defaultPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || defaultPort) });
    socket.setTimeout(1500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

const isLocal = (url) => ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname);

export async function ensureInfrastructure() {
  const missing = [];
  for (const s of services) {
    if (await reachable(s.url, s.port)) continue;
    const command = isLocal(s.url) ? s.start() : null;
    if (command) {
      console.log(`[infra] ${s.name} not reachable at ${s.url}; starting it: ${command}`);
      try {
        execSync(command, { stdio: 'inherit', shell: '/bin/sh' });
      } catch {
        // reported below if still unreachable
      }
      for (let i = 0; i < 30 && !(await reachable(s.url, s.port)); i++)
        await new Promise((r) => setTimeout(r, 300));
      if (await reachable(s.url, s.port)) continue;
    }
    missing.push(
      `${s.name} is not reachable at ${s.url}. ${isLocal(s.url) ? `Install it: ${s.install}.` : 'Check the URL and that the server runs.'}`,
    );
  }
  if (missing.length) {
    console.error(`[infra] cannot start:\n  - ${missing.join('\n  - ')}`);
    process.exit(1);
  }
  console.log('[infra] PostgreSQL, Redis and NATS are reachable');
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureInfrastructure();
