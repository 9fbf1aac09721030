import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed PDFs (issue 18): the certificates the platform signs agreement PDFs with, and the
 * SHA-256 of every PDF it issued, so an uploaded file can be recognised byte for byte.
 */
export class SignedPdfs1764320000000 implements MigrationInterface {
  name = 'SignedPdfs1764320000000';

  async up(runner: QueryRunner): Promise<void> {
    // Every certificate that ever signed (a configured one is recorded at boot, so copies signed
    // before a rotation are still recognised). Only a generated development bundle keeps its
    // private key here; a configured one stays in the deployment's secret.
    await runner.query(`
      CREATE TABLE pdf_signing_certificates (
        fingerprint     text PRIMARY KEY,
        certificate     bytea NOT NULL,
        subject         text NOT NULL,
        source          text NOT NULL CHECK (source IN ('CONFIGURED', 'GENERATED')),
        p12             bytea,
        p12_passphrase  text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CHECK ((source = 'GENERATED') = (p12 IS NOT NULL))
      )`);
    await runner.query(`
      CREATE TABLE issued_pdfs (
        sha256                   text PRIMARY KEY,
        agreement_id             uuid NOT NULL REFERENCES print_records (agreement_id),
        render_version           integer NOT NULL,
        size                     integer NOT NULL,
        certificate_fingerprint  text REFERENCES pdf_signing_certificates (fingerprint),
        issued_at                timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX issued_pdfs_agreement ON issued_pdfs (agreement_id, render_version)`,
    );
    // Files rendered before signing: the current render of each record is still recognised (unsigned).
    await runner.query(`
      INSERT INTO issued_pdfs (sha256, agreement_id, render_version, size, issued_at)
      SELECT file_sha256, agreement_id, render_version, size, coalesce(rendered_at, updated_at)
        FROM print_records
       WHERE status = 'READY' AND file_sha256 IS NOT NULL AND size IS NOT NULL
      ON CONFLICT (sha256) DO NOTHING`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE issued_pdfs`);
    await runner.query(`DROP TABLE pdf_signing_certificates`);
  }
}
