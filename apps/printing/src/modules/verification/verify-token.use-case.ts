import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, ServiceError, type VerificationResult } from '@netsign/contracts';
import { PrintRecordsRepository } from '../print-records/print-records.repository.js';
import { maskName } from './mask-name.js';
import { VerificationKeysService } from './verification-keys.service.js';
import { VerificationScansRepository } from './verification-scans.repository.js';
import { verifyVerificationToken } from './verification-token.js';

/**
 * The public check of a printed copy (防伪二维码): genuine or not, and the agreement's status now.
 * Every scan is recorded (the token's SHA-256, not the token).
 */
@Injectable()
export class VerifyTokenUseCase {
  constructor(
    private readonly keys: VerificationKeysService,
    private readonly records: PrintRecordsRepository,
    private readonly scans: VerificationScansRepository,
  ) {}

  async execute(scan: { token: string; client: string | null }): Promise<VerificationResult> {
    const token = verifyVerificationToken(scan.token, await this.keys.lookup());
    const record = token ? await this.records.find(token.agreementId) : null;
    const genuine = token && record && record.agreementNo === token.agreementNo;
    await this.scans.record({
      tokenSha256: createHash('sha256').update(scan.token).digest('hex'),
      client: scan.client,
      result: genuine ? 'GENUINE' : 'INVALID',
      agreementNo: genuine ? token.agreementNo : null,
      copy: genuine ? token.copy : null,
    });
    if (!genuine) throw new ServiceError(ErrorCode.VERIFICATION_INVALID);
    return {
      genuine: true,
      agreementNo: token.agreementNo,
      copy: token.copy,
      agreementStatus: record.agreementStatus,
      employerName: record.employerName,
      graduateNameMasked: maskName(record.graduateName),
      issuedAt: new Date(token.issuedAt * 1000).toISOString(),
      renderVersion: token.renderVersion,
      current: token.renderVersion === record.renderVersion,
    };
  }
}
