import { startProvinceStandin } from '@netsign/province-standin';

/**
 * Runs the stand-in on its own: `npm start` points PROVINCE_DISPATCH_URL at it by default.
 * PROVINCE_STANDIN_DATA_FILE keeps what it accepted across restarts.
 */
const port = Number(process.env.PROVINCE_STANDIN_PORT ?? 3900);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(
    `province stand-in: PROVINCE_STANDIN_PORT must be a port number, got "${process.env.PROVINCE_STANDIN_PORT}"\n`,
  );
  process.exit(1);
}

try {
  const standin = await startProvinceStandin({
    port,
    host: process.env.PROVINCE_STANDIN_HOST ?? '127.0.0.1',
    secret: process.env.PROVINCE_DISPATCH_SECRET ?? 'dev-dispatch-secret',
    dataFile: process.env.PROVINCE_STANDIN_DATA_FILE || undefined,
  });
  process.stdout.write(`province stand-in listening on ${standin.url}\n`);
  // When started by a parent (benchmarks, scripts), tell it where to send records.
  process.send?.({ ready: standin.url });
  const shutdown = () => {
    void standin.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} catch (err) {
  process.stderr.write(`province stand-in failed to start: ${(err as Error).message}\n`);
  process.exit(1);
}
