import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { PrintRecordEntity } from '../print-records/print-record.entity.js';
import { IssuedPdfEntity } from './issued-pdf.entity.js';

/** The print record an issued file was read with (`find` joins it): what its agreement is now. */
export function recordOfIssued(i: Pick<IssuedPdfEntity, 'sha256' | 'record'>): PrintRecordEntity {
  if (!i.record) throw new Error(`issued PDF ${i.sha256} was read without its print record`);
  return i.record;
}

/**
 * Table `issued_pdfs`: the SHA-256 of every PDF printing issued, written in the transaction that
 * marks its print record READY; the only place that reads or writes it.
 */
@Injectable()
export class IssuedPdfsRepository {
  constructor(
    @InjectRepository(IssuedPdfEntity) private readonly issued: Repository<IssuedPdfEntity>,
  ) {}

  /** Records a rendered file as issued; the same bytes issued before change nothing. */
  async record(
    tx: EntityManager,
    file: Pick<
      IssuedPdfEntity,
      'sha256' | 'agreementId' | 'renderVersion' | 'size' | 'certificateFingerprint'
    >,
  ): Promise<void> {
    await tx
      .getRepository(IssuedPdfEntity)
      .createQueryBuilder()
      .insert()
      .values({
        sha256: file.sha256,
        agreementId: file.agreementId,
        renderVersion: file.renderVersion,
        size: file.size,
        certificateFingerprint: file.certificateFingerprint,
      })
      .orIgnore()
      .execute();
  }

  /** The issued file with these bytes, with its print record (`record`); null if none. */
  find(sha256: string, size: number): Promise<IssuedPdfEntity | null> {
    return this.issued
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.record', 'r')
      .where('i.sha256 = :sha256', { sha256 })
      .andWhere('i.size = :size', { size })
      .getOne();
  }
}
