import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const BLOCK = 64;

/**
 * Sequence values for agreement numbers, taken from Postgres 64 at a time so that a signing's
 * transaction does not spend a round trip on one. Numbers stay unique (a sequence never hands a
 * value out twice); a restart leaves a gap, and replicas interleave — numbers were never
 * contiguous (see formatAgreementNo).
 */
@Injectable()
export class AgreementNumbers {
  private block: string[] = [];
  private refill: Promise<void> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async next(): Promise<string> {
    while (this.block.length === 0) {
      this.refill ??= this.dataSource
        .query(`SELECT nextval('agreement_no_seq') AS seq FROM generate_series(1, $1)`, [BLOCK])
        .then((rows: Array<{ seq: string }>) => {
          this.block.push(...rows.map((r) => r.seq));
        })
        .finally(() => {
          this.refill = null;
        });
      await this.refill;
    }
    return this.block.shift()!;
  }
}
