import type { EntityManager } from 'typeorm';
import { uuidv7 } from '../../common/uuid-v7.js';
import type { IdNumberCipher } from '../personal-data/id-number-cipher.js';
import type { RosterRecord } from './domain/roster-row.js';

export interface UpsertedRow {
  id: string;
  inserted: boolean;
  record: RosterRecord;
  confirmed: boolean;
}

const COLUMNS = `student_no, name, gender, id_number_enc, id_key_id, id_blind_index, id_number_masked,
  department_code, major, degree, class_name, origin_place, origin_region_code, graduation_year`;

/** A record with its blind index, computed once per import. */
export interface IndexedRecord {
  record: RosterRecord;
  blindIndex: string;
}

/** What makes a stored record equal to an imported one (the ID compared by blind index). */
export function signatureOf(r: RosterRecord, blindIndex: string): string {
  return JSON.stringify([
    r.name,
    r.gender,
    blindIndex,
    r.departmentCode,
    r.major,
    r.degree,
    r.className,
    r.originPlace,
    r.originRegionCode,
    r.graduationYear,
  ]);
}

/**
 * The school's stored records by student number, read under a per-school lock so that two
 * imports of one school run one after the other. Lets an import skip unchanged rows without
 * encrypting or touching them (a full re-upload is the common case).
 */
export async function storedSignatures(
  tx: EntityManager,
  schoolCode: string,
): Promise<Map<string, string>> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`identity-roster:${schoolCode}`]);
  const rows: Array<Record<string, unknown>> = await tx.query(
    `SELECT student_no, name, gender, id_blind_index, department_code, major, degree, class_name, origin_place,
            origin_region_code, graduation_year
       FROM graduates WHERE school_code = $1`,
    [schoolCode],
  );
  return new Map(
    rows.map((g) => [
      String(g['student_no']),
      JSON.stringify([
        g['name'],
        g['gender'],
        g['id_blind_index'],
        g['department_code'],
        g['major'],
        g['degree'],
        g['class_name'],
        g['origin_place'],
        g['origin_region_code'],
        g['graduation_year'],
      ]),
    ]),
  );
}

export interface PreparedBatch {
  records: RosterRecord[];
  json: string;
}

/** CPU part (encrypt, blind index, serialise): done while the previous batch is in the database. */
export function prepareRosterBatch(
  indexed: IndexedRecord[],
  cipher: IdNumberCipher,
): PreparedBatch {
  // One JSON parameter per batch: far cheaper to serialise than 13 array literals.
  const rows = indexed.map(({ record: r, blindIndex }) => {
    const enc = cipher.encrypt(r.idNumber);
    return {
      id: uuidv7(),
      student_no: r.studentNo,
      name: r.name,
      gender: r.gender,
      id_number_enc: enc.ciphertext,
      id_key_id: enc.keyId,
      id_blind_index: blindIndex,
      id_number_masked: r.idNumberMasked,
      department_code: r.departmentCode,
      major: r.major,
      degree: r.degree,
      class_name: r.className,
      origin_place: r.originPlace,
      origin_region_code: r.originRegionCode,
      graduation_year: r.graduationYear,
    };
  });
  return { records: indexed.map((i) => i.record), json: JSON.stringify(rows) };
}

/**
 * Upserts one batch by (school, student number) with a single multi-row statement. A row whose
 * values are all equal (ID compared by blind index, as ciphertexts differ per write) is left
 * untouched and not returned, so only real changes announce an event.
 */
export async function upsertRosterBatch(
  tx: EntityManager,
  schoolCode: string,
  batch: PreparedBatch,
): Promise<UpsertedRow[]> {
  const rows: Array<{ id: string; inserted: boolean; student_no: string; confirmed: boolean }> =
    await tx.query(
      `INSERT INTO graduates (id, school_code, ${COLUMNS})
     SELECT id, $1, ${COLUMNS} FROM json_to_recordset($2::json) AS t(id uuid, student_no text, name text, gender text,
       id_number_enc text, id_key_id text, id_blind_index text, id_number_masked text, department_code text,
       major text, degree text, class_name text, origin_place text, origin_region_code text, graduation_year int)
     ON CONFLICT (school_code, student_no) DO UPDATE SET
       name = EXCLUDED.name, gender = EXCLUDED.gender, id_number_enc = EXCLUDED.id_number_enc,
       id_key_id = EXCLUDED.id_key_id, id_blind_index = EXCLUDED.id_blind_index,
       id_number_masked = EXCLUDED.id_number_masked, department_code = EXCLUDED.department_code,
       major = EXCLUDED.major, degree = EXCLUDED.degree, class_name = EXCLUDED.class_name,
       origin_place = EXCLUDED.origin_place,
       origin_region_code = EXCLUDED.origin_region_code, graduation_year = EXCLUDED.graduation_year, updated_at = now()
     WHERE (graduates.name, graduates.gender, graduates.id_blind_index, graduates.department_code, graduates.major,
            graduates.degree, graduates.class_name, graduates.origin_place, graduates.origin_region_code,
            graduates.graduation_year)
       IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.gender, EXCLUDED.id_blind_index, EXCLUDED.department_code,
            EXCLUDED.major, EXCLUDED.degree, EXCLUDED.class_name, EXCLUDED.origin_place, EXCLUDED.origin_region_code,
            EXCLUDED.graduation_year)
     RETURNING id, (xmax = 0) AS inserted, student_no, source_info_confirmed_at IS NOT NULL AS confirmed`,
      [schoolCode, batch.json],
    );
  const byNo = new Map(batch.records.map((r) => [r.studentNo, r]));
  return rows.map((r) => ({
    id: r.id,
    inserted: r.inserted,
    confirmed: r.confirmed,
    record: byNo.get(r.student_no)!,
  }));
}
