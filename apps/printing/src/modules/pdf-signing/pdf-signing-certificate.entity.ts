import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Table `pdf_signing_certificates`: every certificate that signed agreement PDFs (migration
 * 1764320000000); only a generated development bundle keeps its PKCS#12 here.
 */
@Check('pdf_signing_certificates_source_check', `source IN ('CONFIGURED', 'GENERATED')`)
@Check('pdf_signing_certificates_check', `(source = 'GENERATED') = (p12 IS NOT NULL)`)
@Entity({ name: 'pdf_signing_certificates' })
export class PdfSigningCertificateEntity {
  /** SHA-256 of the certificate (hex). */
  @PrimaryColumn({ type: 'text' })
  fingerprint!: string;

  @Column({ type: 'bytea' })
  certificate!: Buffer;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  source!: 'CONFIGURED' | 'GENERATED';

  @Column({ type: 'bytea', nullable: true })
  p12!: Buffer | null;

  @Column({ name: 'p12_passphrase', type: 'text', nullable: true })
  p12Passphrase!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
