import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { VerificationScanEntity } from './verification-scan.entity.js';

/** Table `verification_scans`: the only place that writes it. */
@Injectable()
export class VerificationScansRepository {
  constructor(
    @InjectRepository(VerificationScanEntity)
    private readonly scans: Repository<VerificationScanEntity>,
  ) {}

  async record(
    scan: Pick<
      VerificationScanEntity,
      'tokenSha256' | 'client' | 'result' | 'agreementNo' | 'copy'
    >,
  ): Promise<void> {
    await this.scans.insert({
      tokenSha256: scan.tokenSha256,
      client: scan.client,
      result: scan.result,
      agreementNo: scan.agreementNo,
      copy: scan.copy,
    });
  }
}
