/**
 * Roster import benchmark (issue 3: 100,000 rows in ≤ 30 s). Starts the identity service
 * in-process against a private database, creates a school, and imports a 100,000-row CSV through
 * the import use-case (parse → validate → encrypt + blind index → multi-row upsert → outbox
 * events, one transaction), then the same file again (every row unchanged), then a changed file
 * through the gateway's HTTP API (multipart upload → parts over NATS → import: every row updated).
 * Run: npm run bench:roster   (ROSTER_ROWS to change the size)
 */
import 'reflect-metadata';
import { loadEnv } from '@netsign/config';
import { runService } from '@netsign/runtime';
import { createTestEnv } from '@netsign/testing';
import { createGateway } from '../apps/gateway/src/create-gateway.js';
import { gatewayEnvSchema } from '../apps/gateway/src/gateway.env.js';
import { identityService } from '../apps/identity/src/identity.service.js';
import { SigningKeysService } from '../apps/identity/src/modules/auth/signing-keys.service.js';
import { CreateSchoolUseCase } from '../apps/identity/src/modules/accounts/use-cases/create-school.use-case.js';
import { idNumberCheckChar } from '../apps/identity/src/modules/roster/domain/id-number.js';
import { ImportRosterUseCase } from '../apps/identity/src/modules/roster/use-cases/import-roster.use-case.js';

const ROWS = Number(process.env['ROSTER_ROWS'] ?? 100_000);
const DEPARTMENTS = ['CS', 'EE', 'ME', 'LAW', 'MED', 'ART', 'ECO', 'MATH'];

function idNumber(n: number): string {
  const year = 2000 + (Math.floor(n / 336_000) % 6);
  const month = String(1 + (Math.floor(n / 1000) % 12)).padStart(2, '0');
  const day = String(1 + (Math.floor(n / 12_000) % 28)).padStart(2, '0');
  const first17 = `340104${year}${month}${day}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

function rosterCsv(rows: number, major = '专业'): Buffer {
  const lines = [
    'studentNo,name,gender,idNumber,departmentCode,major,degree,className,originPlace,graduationYear',
  ];
  for (let i = 0; i < rows; i++) {
    const dept = DEPARTMENTS[i % DEPARTMENTS.length]!;
    lines.push(
      `2022${String(i).padStart(7, '0')},学生${i},${i % 2 ? '男' : '女'},${idNumber(i)},${dept},${major}${i % 20},本科,${dept}${i % 50},安徽省合肥市,2026`,
    );
  }
  return Buffer.from(lines.join('\n'));
}

async function main(): Promise<void> {
  const env = await createTestEnv('bench_roster', { LOG_LEVEL: 'warn' });
  const identity = await runService(identityService, env.vars);
  const admin = { userId: 'bench', role: 'PROVINCE_ADMIN' as const };
  try {
    await identity.app.get(CreateSchoolUseCase).execute(admin, {
      code: '10357',
      name: '基准测试大学',
      departments: DEPARTMENTS.map((code) => ({ code, name: `${code} 学院` })),
    });
    const csv = rosterCsv(ROWS);
    const importer = identity.app.get(ImportRosterUseCase);
    for (const run of ['first import (all created)', 'second import (all unchanged)']) {
      const started = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      const result = await importer.execute(admin, '10357', 'csv', csv);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const used = process.cpuUsage(cpu);
      process.stdout.write(
        `roster ${run}: ${ROWS} rows (${(csv.length / 1e6).toFixed(1)} MB CSV) in ${seconds.toFixed(2)} s = ` +
          `${Math.round(ROWS / seconds)} rows/s; created ${result.created}, updated ${result.updated}, ` +
          `unchanged ${result.unchanged}, rejected ${result.rejected.length}; ` +
          `node CPU ${((used.user + used.system) / 1e6).toFixed(1)} s\n`,
      );
    }
    const gateway = await createGateway(
      loadEnv('gateway', gatewayEnvSchema, { ...env.vars, GATEWAY_PORT: '0' }),
    );
    await gateway.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { accessToken } = await identity.app.get(SigningKeysService).tokens().issue(admin);
      const changed = rosterCsv(ROWS, '新专业');
      const form = new FormData();
      form.append('file', new Blob([changed]), 'roster.csv');
      const started = process.hrtime.bigint();
      const res = await fetch(
        `${(await gateway.getUrl()).replace('[::1]', '127.0.0.1')}/api/schools/10357/roster`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${accessToken}` },
          body: form,
        },
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const body = (await res.json()) as { updated?: number; code?: string };
      process.stdout.write(
        `roster via gateway (HTTP multipart, all updated): HTTP ${res.status}, ${ROWS} rows in ${seconds.toFixed(2)} s = ` +
          `${Math.round(ROWS / seconds)} rows/s; updated ${body.updated ?? body.code}\n`,
      );
    } finally {
      await gateway.close();
    }
  } finally {
    await identity.close();
    await env.dispose();
  }
}

await main();
