import { uuidv7 } from '../../common/uuid-v7.js';
import type { IdNumberCipher } from '../personal-data/id-number-cipher.js';
import type { RosterRecord } from './domain/roster-row.js';
import type { GraduateEntity } from './graduate.entity.js';

export interface UpsertedRow {
  id: string;
  inserted: boolean;
  record: RosterRecord;
  confirmed: boolean;
}

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

/** The stored records' signatures by student number (see `signatureOf`). */
export function storedSignatures(stored: GraduateEntity[]): Map<string, string> {
  return new Map(
    stored.map((g) => [
      g.studentNo,
      JSON.stringify([
        g.name,
        g.gender,
        g.idBlindIndex,
        g.departmentCode,
        g.major,
        g.degree,
        g.className,
        g.originPlace,
        g.originRegionCode,
        g.graduationYear,
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
