import { Logger, type LoggerService } from '@nestjs/common';
import { createServiceDataSource, migrateServiceSchema } from '@netsign/persistence';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import type { DataSource } from 'typeorm';
import { dispatchSyncMigrations } from '../src/database/migrations.js';
import { dispatchSyncEntities } from '../src/modules/dispatch-sync.entities.js';
import type { AgreementRecordInput } from '../src/modules/delivery/record-log.repository.js';
import {
  creditCodeCheckChar,
  idNumberCheckChar,
  type ProvinceStandin,
} from '@netsign/province-standin';
export { startProvinceStandin } from '@netsign/province-standin';
export type { ProvinceStandin };

/** Shared set-up of the dispatch tests: a private database migrated like the service's. */
export async function openDispatchDatabase(
  label: string,
): Promise<{ env: TestEnv; ds: DataSource }> {
  const env = await createTestEnv(label);
  const ds = createServiceDataSource({
    url: env.databaseUrl,
    schema: 'dispatch_sync',
    entities: dispatchSyncEntities,
    migrations: dispatchSyncMigrations,
    poolSize: 8,
  });
  await ds.initialize();
  await migrateServiceSchema(ds, 'dispatch_sync');
  return { env, ds };
}

/** A national ID number with a correct GB 11643 check digit, distinct per n. */
export function idNumberFor(n: number): string {
  const first17 = `11010519950101${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function creditCodeFor(n: number): string {
  const first17 = `91340100MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

/** Identity stand-in for tests: graduate id → full ID number, as the lead's NATS call will answer. */
export class IdNumbers {
  private readonly byGraduate = new Map<string, string>();
  calls = 0;
  readonly resolve = async (graduateId: string): Promise<string> => {
    this.calls++;
    const id = this.byGraduate.get(graduateId);
    if (!id) throw new Error(`unknown graduate ${graduateId}`);
    return id;
  };
  add(graduateId: string, idNumber: string): void {
    this.byGraduate.set(graduateId, idNumber);
  }
  all(): string[] {
    return [...this.byGraduate.values()];
  }
}

export function graduateRef(n: number) {
  return {
    schoolCode: '10357',
    studentNo: `2025${String(n).padStart(6, '0')}`,
    graduateId: `graduate-${n}`,
    name: `毕业生${n}`,
  };
}

export function employmentInput(n: number, agreement: number): AgreementRecordInput {
  return {
    kind: 'EMPLOYMENT',
    graduate: graduateRef(n),
    agreementNo: `WQ2025${String(n).padStart(6, '0')}-${agreement}`,
    occurredAt: new Date(Date.UTC(2025, 5, 1, 8, 0, agreement)),
    signingMethod: 'QR_CARD',
    employer: {
      name: `合肥用人单位${agreement}有限公司`,
      creditCode: creditCodeFor(n * 10 + agreement),
      nature: '其他企业',
      industry: '信息传输、软件和信息技术服务业',
      location: '安徽省合肥市',
    },
    position: '软件工程师',
    superiorAuthority: null,
  };
}

export function terminationInput(n: number, agreement: number): AgreementRecordInput {
  return {
    kind: 'TERMINATION',
    graduate: graduateRef(n),
    agreementNo: `WQ2025${String(n).padStart(6, '0')}-${agreement}`,
    occurredAt: new Date(Date.UTC(2025, 6, 1, 8, 0, agreement)),
  };
}

/**
 * Per graduate, the story the province must see: employment, termination, a new employment.
 * Returned interleaved across graduates, the way approvals arrive.
 */
export function storyInputs(graduates: number, offset = 0): AgreementRecordInput[] {
  const out: AgreementRecordInput[] = [];
  for (const step of [0, 1, 2]) {
    for (let g = offset; g < offset + graduates; g++) {
      out.push(
        step === 0
          ? employmentInput(g, 1)
          : step === 1
            ? terminationInput(g, 1)
            : employmentInput(g, 2),
      );
    }
  }
  return out;
}

/** Asserts what the stand-in accepted: each record once, each graduate's in 1, 2, 3… order. */
export function acceptedExactlyOnceInOrder(
  standin: ProvinceStandin,
  expectedIds: string[],
): string[] {
  const problems: string[] = [];
  const ids = standin.state.accepted.map((a) => a.record.recordId);
  if (new Set(ids).size !== ids.length) problems.push('a recordId was accepted twice');
  const missing = expectedIds.filter((id) => !ids.includes(id));
  if (missing.length > 0) problems.push(`${missing.length} records never accepted`);
  if (ids.length !== expectedIds.length)
    problems.push(`accepted ${ids.length}, expected ${expectedIds.length}`);
  const next = new Map<string, number>();
  for (const { record } of standin.state.accepted) {
    const key = `${record.schoolCode}:${record.studentNo}`;
    const expected = (next.get(key) ?? 0) + 1;
    if (record.graduateSequence !== expected)
      problems.push(`${key}: got ${record.graduateSequence}, expected ${expected}`);
    next.set(key, record.graduateSequence);
  }
  return problems;
}

/** Captures what the delivery code logs (and keeps test output quiet). */
export function captureLogs(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => {
    lines.push(
      args
        .map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a)))
        .join(' '),
    );
  };
  const logger: LoggerService = {
    log: keep,
    error: keep,
    warn: keep,
    debug: keep,
    verbose: keep,
    fatal: keep,
  };
  Logger.overrideLogger(logger);
  return { lines, restore: () => Logger.overrideLogger(false) };
}
