import { Injectable } from '@nestjs/common';
import { requireRole, requireSchoolScope } from '@netsign/auth';
import { ErrorCode, Role, ServiceError, type Principal } from '@netsign/contracts';
import { IdNumberCipher } from '../personal-data/id-number-cipher.js';
import { GraduatesRepository } from './graduates.repository.js';

/**
 * Roster files larger than one NATS message arrive in parts. A part may contain ID numbers, so it
 * is kept encrypted, and all parts of an upload are deleted when it is imported (or after a day).
 */
@Injectable()
export class RosterUploadsService {
  constructor(
    private readonly graduates: GraduatesRepository,
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
    await this.graduates.deleteStaleUploadParts();
    await this.graduates.storeUploadPart({
      uploadId,
      schoolCode,
      seq,
      data: this.cipher.encryptBytes(data),
    });
    return data.length;
  }

  /** The whole file; the parts are deleted whether or not the import then succeeds. */
  async take(schoolCode: string, uploadId: string, parts: number | undefined): Promise<Buffer> {
    const rows = await this.graduates.takeUploadParts(schoolCode, uploadId);
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
