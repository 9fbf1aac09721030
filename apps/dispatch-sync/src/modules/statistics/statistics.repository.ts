import { Injectable } from '@nestjs/common';
import type {
  DepartmentStatistics,
  OnlineSigningStatistics,
  SchoolStatistics,
  SigningCounts,
} from '@netsign/contracts';
import { DataSource, type EntityManager, type EntitySubscriberInterface } from 'typeorm';
import { preparedQuery } from '@netsign/persistence';

export type Metric =
  | 'graduates'
  | 'online:RECRUITING'
  | 'online:EMPLOYER_DIRECT'
  | 'online:QR_CARD'
  | 'offline'
  | 'approvals'
  | 'rejections'
  | 'terminations';

export interface Unit {
  schoolCode: string;
  schoolName: string;
  departmentCode: string;
  departmentName: string;
}

type CounterKey = string;
interface PendingCounters {
  deltas: Map<
    CounterKey,
    { schoolCode: string; departmentCode: string; metric: Metric; delta: number }
  >;
  named: Set<string>;
}
const PENDING = 'netsign:statistics-pending';

/**
 * The statistics read model: counters per school and department, changed only by events.
 *
 * Counter changes of one transaction are summed and written together just before it commits, in
 * key order: a consumer transaction applying 32 signings of one school touches its hot counter
 * rows once each, in the same order as every other transaction (no deadlock). A rollback drops them.
 */
/** Postgres SQLSTATE of a transaction that could not be serialised; it may be retried as a whole. */
const SERIALIZATION_FAILURE = '40001';
const SNAPSHOT_ATTEMPTS = 5;

@Injectable()
export class StatisticsRepository {
  constructor(private readonly dataSource: DataSource) {
    if (!dataSource.subscribers.includes(this.flushHook))
      dataSource.subscribers.push(this.flushHook);
  }

  async bump(
    tx: EntityManager,
    unit: Pick<Unit, 'schoolCode' | 'departmentCode'>,
    metric: Metric,
    delta: number,
  ): Promise<void> {
    const pending = this.pendingOf(tx);
    const key = `${unit.schoolCode}\u0000${unit.departmentCode}\u0000${metric}`;
    const entry = pending.deltas.get(key);
    if (entry) entry.delta += delta;
    else
      pending.deltas.set(key, {
        schoolCode: unit.schoolCode,
        departmentCode: unit.departmentCode,
        metric,
        delta,
      });
  }

  private pendingOf(tx: EntityManager): PendingCounters {
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive)
      throw new Error('statistics counters change only inside a transaction');
    const data = (runner.data ??= {}) as Record<string, unknown>;
    return ((data[PENDING] as PendingCounters | undefined) ??= {
      deltas: new Map(),
      named: new Set(),
    });
  }

  private readonly flushHook: EntitySubscriberInterface = {
    beforeTransactionCommit: async (event) => {
      const data = event.queryRunner.data as Record<string, unknown> | undefined;
      const pending = data?.[PENDING] as PendingCounters | undefined;
      if (!pending) return;
      data![PENDING] = undefined;
      const rows = [...pending.deltas.entries()]
        .filter(([, r]) => r.delta !== 0)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, r]) => r);
      if (rows.length === 0) return;
      await preparedQuery(
        event.queryRunner.manager,
        'stats-bump-many',
        `INSERT INTO stats_counters (school_code, department_code, metric, value)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
         ON CONFLICT (school_code, department_code, metric) DO UPDATE SET value = stats_counters.value + EXCLUDED.value`,
        [
          rows.map((r) => r.schoolCode),
          rows.map((r) => r.departmentCode),
          rows.map((r) => r.metric),
          rows.map((r) => r.delta),
        ],
      );
    },
    beforeTransactionRollback: (event) => {
      const data = event.queryRunner.data as Record<string, unknown> | undefined;
      if (data?.[PENDING]) data[PENDING] = undefined;
    },
  };

  async nameUnit(tx: EntityManager, unit: Unit): Promise<void> {
    // Once per unit and transaction is enough (a batch names the same school many times).
    const named = this.pendingOf(tx).named;
    const key = `${unit.schoolCode}\u0000${unit.departmentCode}\u0000${unit.schoolName}\u0000${unit.departmentName}`;
    if (named.has(key)) return;
    named.add(key);
    // Only when the row is missing or its names changed: ON CONFLICT DO UPDATE locks the existing
    // row even when its WHERE skips the update, so concurrent batches naming the same department
    // queued on that row (643 ms a statement in a chaos run). The NOT EXISTS read takes no lock.
    await preparedQuery(
      tx,
      'stats-name-unit',
      `INSERT INTO stats_units (school_code, department_code, school_name, department_name)
       SELECT $1::text, $2::text, $3::text, $4::text
       WHERE NOT EXISTS (
         SELECT 1 FROM stats_units
          WHERE school_code = $1 AND department_code = $2 AND school_name = $3 AND department_name = $4)
       ON CONFLICT (school_code, department_code) DO UPDATE
         SET school_name = EXCLUDED.school_name, department_name = EXCLUDED.department_name
       WHERE stats_units.school_name <> EXCLUDED.school_name OR stats_units.department_name <> EXCLUDED.department_name`,
      [unit.schoolCode, unit.departmentCode, unit.schoolName, unit.departmentName],
    );
  }

  /** Counts a roster record once; a move to another department moves its graduate count. */
  async placeGraduate(tx: EntityManager, graduateId: string, unit: Unit): Promise<void> {
    await this.nameUnit(tx, unit);
    const rows: Array<{ school_code: string; department_code: string }> = await tx.query(
      `SELECT school_code, department_code FROM stats_graduates WHERE graduate_id = $1 FOR UPDATE`,
      [graduateId],
    );
    const before = rows[0];
    if (
      before &&
      before.school_code === unit.schoolCode &&
      before.department_code === unit.departmentCode
    )
      return;
    if (before) {
      await this.bump(
        tx,
        { schoolCode: before.school_code, departmentCode: before.department_code },
        'graduates',
        -1,
      );
      await tx.query(
        `UPDATE stats_graduates SET school_code = $2, department_code = $3 WHERE graduate_id = $1`,
        [graduateId, unit.schoolCode, unit.departmentCode],
      );
    } else {
      await tx.query(
        `INSERT INTO stats_graduates (graduate_id, school_code, department_code) VALUES ($1, $2, $3)`,
        [graduateId, unit.schoolCode, unit.departmentCode],
      );
    }
    await this.bump(tx, unit, 'graduates', 1);
  }

  async read(
    schoolCode?: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OnlineSigningStatistics> {
    const rows: Array<{
      school_code: string;
      department_code: string;
      school_name: string | null;
      department_name: string | null;
      metric: string;
      value: string;
    }> = await manager.query(
      `SELECT c.school_code, c.department_code, u.school_name, u.department_name, c.metric, c.value
           FROM stats_counters c
           LEFT JOIN stats_units u USING (school_code, department_code)
          ${schoolCode ? 'WHERE c.school_code = $1' : ''}
          ORDER BY c.school_code, c.department_code`,
      schoolCode ? [schoolCode] : [],
    );
    const schools = new Map<string, SchoolStatistics>();
    for (const r of rows) {
      let school = schools.get(r.school_code);
      if (!school) {
        school = {
          schoolCode: r.school_code,
          schoolName: r.school_name ?? r.school_code,
          ...emptyCounts(),
          departments: [],
        };
        schools.set(r.school_code, school);
      }
      let department = school.departments.find((d) => d.departmentCode === r.department_code);
      if (!department) {
        department = {
          departmentCode: r.department_code,
          departmentName: r.department_name ?? r.department_code,
          ...emptyCounts(),
        };
        school.departments.push(department);
      }
      add(department, r.metric, Number(r.value));
      add(school, r.metric, Number(r.value));
    }
    for (const school of schools.values()) {
      finish(school);
      school.departments.forEach(finish);
    }
    return { schools: [...schools.values()], asOf: new Date().toISOString() };
  }

  /**
   * Stores today's figures per school unless already taken today; returns whether it took them.
   * Two takes at once (the daily schedule and an operator, or two replicas) collide on the same
   * rows: in REPEATABLE READ the later one's `ON CONFLICT DO NOTHING` fails with a serialization
   * error, and is run again on a fresh snapshot, where it finds the rows taken.
   */
  async takeSnapshot(day: string): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.takeSnapshotOnce(day);
      } catch (err) {
        if (
          attempt >= SNAPSHOT_ATTEMPTS ||
          (err as { code?: string }).code !== SERIALIZATION_FAILURE
        )
          throw err;
      }
    }
  }

  private takeSnapshotOnce(day: string): Promise<boolean> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const stats = await this.read(undefined, tx);
      let taken = false;
      for (const school of stats.schools) {
        const inserted: unknown[] = await tx.query(
          `INSERT INTO stats_snapshots (day, school_code, data) VALUES ($1, $2, $3)
           ON CONFLICT (day, school_code) DO NOTHING RETURNING day`,
          [day, school.schoolCode, JSON.stringify({ ...school, asOf: stats.asOf })],
        );
        taken ||= inserted.length > 0;
      }
      return taken;
    });
  }

  async snapshot(day: string, schoolCode?: string): Promise<OnlineSigningStatistics | null> {
    const rows: Array<{ data: SchoolStatistics & { asOf: string } }> = await this.dataSource.query(
      `SELECT data FROM stats_snapshots WHERE day = $1 ${schoolCode ? 'AND school_code = $2' : ''} ORDER BY school_code`,
      schoolCode ? [day, schoolCode] : [day],
    );
    if (rows.length === 0) return null;
    return {
      schools: rows.map(({ data: { asOf: _asOf, ...school } }) => school),
      asOf: rows[0]!.data.asOf,
    };
  }
}

function emptyCounts(): SigningCounts {
  return {
    graduates: 0,
    signedOnline: { total: 0, RECRUITING: 0, EMPLOYER_DIRECT: 0, QR_CARD: 0 },
    signedOffline: 0,
    onlineShare: null,
    approvals: 0,
    rejections: 0,
    terminations: 0,
  };
}

function add(c: SigningCounts | DepartmentStatistics, metric: string, value: number): void {
  if (metric.startsWith('online:')) {
    const method = metric.slice(7) as 'RECRUITING' | 'EMPLOYER_DIRECT' | 'QR_CARD';
    c.signedOnline[method] += value;
    c.signedOnline.total += value;
  } else if (metric === 'offline') c.signedOffline += value;
  else if (
    metric === 'graduates' ||
    metric === 'approvals' ||
    metric === 'rejections' ||
    metric === 'terminations'
  ) {
    c[metric] += value;
  }
}

function finish(c: SigningCounts): void {
  const employed = c.signedOnline.total + c.signedOffline;
  c.onlineShare =
    employed === 0 ? null : Math.round((c.signedOnline.total / employed) * 10_000) / 10_000;
}
