import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PrintRecordEntity } from '../print-records/print-record.entity.js';
import { PdfSigningCertificateEntity } from './pdf-signing-certificate.entity.js';

/**
 * Table `issued_pdfs`: the SHA-256 of every PDF printing issued (migration 1764320000000),
 * written with the print record's READY.
 */
@Index('issued_pdfs_agreement', { synchronize: false })
@Entity({ name: 'issued_pdfs' })
export class IssuedPdfEntity {
  @PrimaryColumn({ type: 'text' })
  sha256!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  /** Loaded where a query joins it (what the agreement is now). */
  @ManyToOne(() => PrintRecordEntity)
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'issued_pdfs_agreement_id_fkey' })
  record?: PrintRecordEntity;

  @Column({ name: 'render_version', type: 'integer' })
  renderVersion!: number;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ name: 'certificate_fingerprint', type: 'text', nullable: true })
  certificateFingerprint!: string | null;

  /** Never loaded; declares the foreign key. */
  @ManyToOne(() => PdfSigningCertificateEntity)
  @JoinColumn({
    name: 'certificate_fingerprint',
    foreignKeyConstraintName: 'issued_pdfs_certificate_fingerprint_fkey',
  })
  certificate?: PdfSigningCertificateEntity;

  @Column({ name: 'issued_at', type: 'timestamptz', default: () => 'now()' })
  issuedAt!: Date;
}
