import { Injectable } from '@nestjs/common';
import type {
  PdfFileVerificationResult,
  PdfSignatureParts,
  PdfSignatureStatus,
} from '@netsign/contracts';
import { checkPlatformSignature } from './pdf-signature-check.js';
import { PRINT_COPIES } from '../../worker/agreement-print-data.js';
import { maskName } from '../verification/mask-name.js';
import { IssuedPdfsRepository, recordOfIssued } from './issued-pdfs.repository.js';
import { PdfSigningKeysService } from './pdf-signing-keys.service.js';

/**
 * Is an uploaded file a PDF the platform issued? Genuine means byte for byte one of the files
 * printing rendered (its SHA-256 is on record); the embedded signature is reported beside it,
 * so a reader learns whether an altered file still carries an intact platform signature.
 */
@Injectable()
export class VerifyPdfFileUseCase {
  constructor(
    private readonly issued: IssuedPdfsRepository,
    private readonly keys: PdfSigningKeysService,
  ) {}

  async execute(file: {
    sha256: string;
    size: number;
    signature: PdfSignatureParts | null;
  }): Promise<PdfFileVerificationResult> {
    const signature = await this.checkSignature(file.signature);
    const issued = await this.issued.find(file.sha256, file.size);
    if (!issued) return { genuine: false, signature };
    const record = recordOfIssued(issued);
    return {
      genuine: true,
      agreementNo: record.agreementNo,
      copies: [...PRINT_COPIES],
      renderVersion: issued.renderVersion,
      current: issued.renderVersion === record.renderVersion,
      agreementStatus: record.agreementStatus,
      employerName: record.employerName,
      graduateNameMasked: maskName(record.graduateName),
      issuedAt: issued.issuedAt.toISOString(),
      signature,
    };
  }

  private async checkSignature(parts: PdfSignatureParts | null): Promise<PdfSignatureStatus> {
    if (!parts) return 'ABSENT';
    const status = checkPlatformSignature(parts, await this.keys.platformFingerprints());
    // Not (yet) known here: perhaps a certificate a worker started signing with since the last load.
    return status === 'UNRECOGNISED'
      ? checkPlatformSignature(parts, await this.keys.platformFingerprints({ reload: true }))
      : status;
  }
}
