import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { PdfSigningCertificateEntity } from './pdf-signing-certificate.entity.js';

/** Table `pdf_signing_certificates`: the only place that reads or writes it. */
@Injectable()
export class PdfSigningCertificatesRepository {
  constructor(
    @InjectRepository(PdfSigningCertificateEntity)
    private readonly certificates: Repository<PdfSigningCertificateEntity>,
  ) {}

  /** The fingerprints of every certificate that ever signed. */
  async fingerprints(): Promise<string[]> {
    const rows = await this.certificates.find({ select: { fingerprint: true } });
    return rows.map((c) => c.fingerprint);
  }

  /**
   * Serialises the generation of a development bundle across processes until the transaction
   * ends, so that every worker starting at once ends up with the same one.
   */
  async lockGeneration(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('printing-pdf-signing-bundle'))`);
  }

  /** The first generated (development) bundle, with its PKCS#12; null if none was generated. */
  firstGenerated(tx: EntityManager): Promise<PdfSigningCertificateEntity | null> {
    return tx.getRepository(PdfSigningCertificateEntity).findOne({
      where: { source: 'GENERATED' },
      order: { createdAt: 'ASC' },
    });
  }

  /** Records a certificate that signs; one recorded before changes nothing. */
  async record(
    manager: EntityManager,
    certificate: Pick<
      PdfSigningCertificateEntity,
      'fingerprint' | 'certificate' | 'subject' | 'source' | 'p12' | 'p12Passphrase'
    >,
  ): Promise<void> {
    await manager
      .getRepository(PdfSigningCertificateEntity)
      .createQueryBuilder()
      .insert()
      .values({
        fingerprint: certificate.fingerprint,
        certificate: certificate.certificate,
        subject: certificate.subject,
        source: certificate.source,
        p12: certificate.p12,
        p12Passphrase: certificate.p12Passphrase,
      })
      .orIgnore()
      .execute();
  }
}
