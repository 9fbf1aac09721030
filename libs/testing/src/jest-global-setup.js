import net from 'node:net';

const targets = [
  ['PostgreSQL', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/employment', 5432],
  ['NATS', process.env.NATS_URL ?? 'nats://127.0.0.1:4222', 4222],
  ['Redis', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379],
];

function reachable(url, defaultPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || defaultPort) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

/** Tests run against the real services; say clearly which one is missing instead of timing out. */
export default async function globalSetup() {
  const missing = [];
  for (const [name, url, port] of targets) if (!(await reachable(url, port))) missing.push(`${name} at ${url}`);
  if (missing.length) {
    throw new Error(`Tests need these services running: ${missing.join(', ')}. Start them with "npm run infra" (see README).`);
  }
}
