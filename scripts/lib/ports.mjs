// The ports `npm start` (scripts/start.mjs, through scripts/system.mjs) listens on: read from
// their variables, and checked before any process is launched, so that a port already taken
// stops start-up with one line naming the port and the variable that moves it — not a stack
// trace from whichever child happened to lose the race. Plain ESM; types in ports.d.mts.
import net from 'node:net';

/** A problem with the ports, said in one line; start.mjs prints `message` and exits. */
export class PortProblem extends Error {
  name = 'PortProblem';
}

/**
 * The port in `env[variable]`, or `fallback` when unset or empty. Anything that is not a whole
 * number from 1 to 65535 throws a PortProblem naming the variable.
 */
export function portFromEnv(env, variable, fallback) {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new PortProblem(`${variable} must be a port number from 1 to 65535, got "${raw}"`);
  }
  return port;
}

/** Resolves if `port` can be listened on at `host`, rejects with the error (EADDRINUSE…) if not. */
export function probePort(port, host = '0.0.0.0') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/**
 * Every port the processes will listen on (`{name, port?: {number, variable, host}}`, as
 * buildProcessList gives them) must be free and wanted by one process only. Returns null when
 * they are, otherwise the one line to print, e.g.
 * `port 3000 is in use (GATEWAY_PORT): stop what uses it or set GATEWAY_PORT`.
 */
export async function busyPort(list) {
  const wanted = new Map();
  for (const p of list) {
    if (!p.port) continue;
    const first = wanted.get(p.port.number);
    if (first) {
      const vars =
        first.port.variable === p.port.variable
          ? p.port.variable
          : `${first.port.variable} and ${p.port.variable}`;
      return `port ${p.port.number} is wanted by both ${first.name} and ${p.name} (${vars}): set ${vars} so that they differ`;
    }
    wanted.set(p.port.number, p);
  }
  for (const p of list) {
    if (!p.port) continue;
    const { number, variable, host } = p.port;
    try {
      await probePort(number, host);
    } catch (err) {
      const why =
        err.code === 'EADDRINUSE'
          ? 'is in use'
          : `cannot be listened on at ${host} (${err.code ?? err.message})`;
      return `port ${number} ${why} (${variable}, for ${p.name}): stop what uses it or set ${variable}`;
    }
  }
  return null;
}
