import { createHash } from 'node:crypto';
import { Controller } from '@nestjs/common';
import {
  ErrorCode,
  ServiceError,
  verificationKeys,
  verifyToken,
  type BusRequest,
  type VerificationResult,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { verifyVerificationToken } from './verification-token.js';
import { PrintRecordsRepository } from '../print-records/print-records.repository.js';
import { VerificationKeysService } from './verification-keys.service.js';
import { VerificationScansRepository } from './verification-scans.repository.js';

/** The public check of a printed copy (防伪二维码): genuine or not, and the agreement's status now. */
@Controller()
export class VerificationNatsController {
  constructor(
    private readonly keys: VerificationKeysService,
    private readonly records: PrintRecordsRepository,
    private readonly scans: VerificationScansRepository,
  ) {}

  @HandleRequest(verifyToken)
  async verify(
    req: BusRequest<{ token: string; client: string | null }>,
  ): Promise<VerificationResult> {
    const token = verifyVerificationToken(req.data.token, await this.keys.lookup());
    const record = token ? await this.records.find(token.agreementId) : undefined;
    const genuine = token && record && record.agreementNo === token.agreementNo;
    await this.scans.record({
      tokenSha256: createHash('sha256').update(req.data.token).digest('hex'),
      client: req.data.client,
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

  @HandleRequest(verificationKeys)
  published() {
    return { keys: this.keys.published() };
  }
}

/** 张三丰 → 张**: enough for a holder to recognise, nothing for a stranger to use. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}
