import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Table `verification_scans`: every check of a printed copy's QR code (migration 1764300000000). */
@Entity({ name: 'verification_scans' })
export class VerificationScanEntity {
  /** bigserial: TypeORM reads a bigint as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  /** SHA-256 (hex) of the token scanned; the token itself is not kept. */
  @Column({ name: 'token_sha256', type: 'text' })
  tokenSha256!: string;

  @Column({ type: 'text', nullable: true })
  client!: string | null;

  @Column({ type: 'text' })
  result!: 'GENUINE' | 'INVALID';

  @Column({ name: 'agreement_no', type: 'text', nullable: true })
  agreementNo!: string | null;

  @Column({ type: 'text', nullable: true })
  copy!: string | null;
}
