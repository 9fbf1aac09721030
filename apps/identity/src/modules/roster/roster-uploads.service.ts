import { Injectable } from '@nestjs/common';
import { requireRole, requireSchoolScope } from '@netsign/auth';
import { ErrorCode, Role, ServiceError, type Principal } from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { IdNumberCipher } from '../personal-data/id-number-cipher.js';
import { returnedRows } from '../../common/sql.js';

/**
 * Roster files larger than one NATS message arrive in parts. A part may contain ID numbers, so it
 * is kept encrypted, and all parts of an upload are deleted when it is imported (or after a day).
 */
@Injectable()
export class RosterUploadsService {
  constructor(
    private readonly db: DataSource,
    private readonly cipher: IdNumberCipher,
  ) {}

  async storePart(
    actor: Principal,
    schoolCode: string,
    uploadId: string,
    seq: number,
    data: Buffer,
  ): Promise<number> {
    requireRole(actor, Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN);
    requireSchoolScope(actor, schoolCode);
    await this.db.query(
      `DELETE FROM roster_upload_parts WHERE created_at < now() - interval '1 day'`,
    );
    await this.db.query(
      `INSERT INTO roster_upload_parts (upload_id, school_code, seq, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (upload_id, seq) DO UPDATE SET data = EXCLUDED.data`,
      [uploadId, schoolCode, seq, this.cipher.encryptBytes(data)],
    );
    return data.length;
  }

  /** The whole file; the parts are deleted whether or not the import then succeeds. */
  async take(schoolCode: string, uploadId: string, parts: number | undefined): Promise<Buffer> {
    const rows = returnedRows<{ seq: number; data: Buffer }>(
      await this.db.query(
        `DELETE FROM roster_upload_parts WHERE upload_id = $1 AND school_code = $2 RETURNING seq, data`,
        [uploadId, schoolCode],
      ),
    );
    rows.sort((a, b) => a.seq - b.seq);
    const complete =
      rows.length > 0 &&
      rows.every((r, i) => r.seq === i) &&
      (parts === undefined || rows.length === parts);
    if (!complete) {
      throw new ServiceError(ErrorCode.VALIDATION_FAILED, '生源文件上传不完整，请重新上传', {
        reason: 'incomplete upload',
      });
    }
    return Buffer.concat(rows.map((r) => this.cipher.decryptBytes(r.data)));
  }
}
