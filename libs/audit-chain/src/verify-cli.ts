/**
 * `npm run audit:verify` (or, where only the build is deployed, `node dist/libs/audit-chain/src/verify-cli.js`):
 * recomputes every audit chain in the database at DATABASE_URL and checks the latest anchors.
 * Exit 0: intact; 2: a chain is broken or an anchor does not match; 1: could not check.
 * `--json` prints the whole result as JSON instead of the report.
 */
import { formatVerification, verifyAuditChains } from './verify.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/employment';

try {
  const result = await verifyAuditChains({ databaseUrl });
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else for (const line of formatVerification(result)) console.log(line);
  process.exitCode = result.ok ? 0 : 2;
} catch (err) {
  console.error(`audit:verify failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
