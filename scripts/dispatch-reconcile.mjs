#!/usr/bin/env node
// `npm run dispatch:reconcile [-- acknowledged.json]`: compares what the provincial dispatch system
// acknowledged (last sequence per graduate) with the record log, through the gateway, and prints
// the differences. Without a file the service asks the province (GET /graduates, where offered).
// Signs in as the province admin: ADMIN_USERNAME (default admin) / ADMIN_PASSWORD
// (default BOOTSTRAP_ADMIN_PASSWORD, as `npm start` sets it).
import { readFileSync } from 'node:fs';

const base = process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.GATEWAY_PORT ?? 3000}`;
const username = process.env.ADMIN_USERNAME ?? 'admin';
const password =
  process.env.ADMIN_PASSWORD ?? process.env.BOOTSTRAP_ADMIN_PASSWORD ?? 'admin-dev-password';
const file = process.argv[2];

async function call(method, path, body, token) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new Error(`${method} ${path}: ${res.status} ${json.code ?? ''} ${json.message ?? ''}`);
  return json;
}

try {
  const { accessToken } = await call('POST', '/api/auth/login', { username, password });
  const acknowledged = file ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  const report = await call('POST', '/api/dispatch/reconciliation', { acknowledged }, accessToken);
  console.log(`graduates compared: ${report.graduatesCompared}`);
  console.log(`differences: ${JSON.stringify(report.counts)}`);
  for (const d of report.differences) {
    console.log(
      `${d.kind.padEnd(24)} ${d.graduateKey}  province ${d.acknowledged}  delivered ${d.delivered}  appended ${d.appended}`,
    );
  }
  process.exit(report.differences.length === 0 ? 0 : 2);
} catch (err) {
  console.error(String(err.message ?? err));
  process.exit(1);
}
