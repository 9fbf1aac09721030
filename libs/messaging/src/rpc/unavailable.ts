/**
 * Whether an error means "a server this service depends on is not there right now" (PostgreSQL
 * restarting or refusing connections, Redis or a socket gone) rather than a fault in the request
 * or the code: such a request answers 503 UPSTREAM_UNAVAILABLE, which clients retry, instead of
 * 500. Found by the chaos run (docs/reliability.md): a Postgres restart answered 500s.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTCONN',
]);
/** SQLSTATE: class 08 connection exception; 57P01-57P03 shutting down / not yet accepting; 53300 too many connections. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Connection is closed\.?$/,
  /the database system is (starting up|shutting down|in recovery mode)/,
];

export function isUnavailableError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 3) return false;
  const e = err as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (
    typeof e.code === 'string' &&
    (NETWORK_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))
  )
    return true;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string)))
    return true;
  return isUnavailableError(e.driverError, depth + 1) || isUnavailableError(e.cause, depth + 1);
}
