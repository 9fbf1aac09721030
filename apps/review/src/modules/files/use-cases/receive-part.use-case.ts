import { Inject, Injectable } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  ErrorCode,
  MAX_UPLOAD_BYTES,
  Role,
  ServiceError,
  type Principal,
} from '@netsign/contracts';
import { REVIEW_ENV, type ReviewEnv } from '../../../review.env.js';
import { sniffFileType, tooLarge, unsupportedFileType } from '../domain/file-type.js';
import { UploadsRepository } from '../uploads.repository.js';

const MAX_FILES_PER_REQUEST = 10;

/** Stores one part of an upload; the first part is type-checked at once so a program never travels further. */
@Injectable()
export class ReceivePartUseCase {
  constructor(
    private readonly uploads: UploadsRepository,
    @Inject(REVIEW_ENV) private readonly env: ReviewEnv,
  ) {}

  async execute(
    principal: Principal | null,
    input: { uploadId: string; seq: number; data: string },
  ): Promise<{ received: number }> {
    const p = requireRole(principal, Role.EMPLOYER, Role.GRADUATE);
    const bytes = Buffer.from(input.data, 'base64');
    if (input.seq === 0) {
      if (!sniffFileType(bytes)) throw unsupportedFileType();
      await this.uploads.dropStaleParts(this.env.UPLOAD_PART_TTL_MINUTES);
    }
    if (!(await this.uploads.savePart(input.uploadId, input.seq, p.userId, bytes))) {
      throw new ServiceError(ErrorCode.FORBIDDEN);
    }
    const held = await this.uploads.partsSize(input.uploadId, p.userId);
    // One file ≤ 10 MiB; one caller's unfinished uploads ≤ what one request may carry (10 files).
    if (held.upload > MAX_UPLOAD_BYTES || held.owner > MAX_UPLOAD_BYTES * MAX_FILES_PER_REQUEST) {
      await this.uploads.discard(input.uploadId, p.userId);
      throw tooLarge();
    }
    return { received: bytes.length };
  }
}
