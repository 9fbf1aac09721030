import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PRINTING_ENV, type PrintingEnv } from '../../printing.env.js';
import { PdfSigningCertificatesRepository } from './pdf-signing-certificates.repository.js';
import {
  generateDevelopmentBundle,
  openSigningBundle,
  readP12Setting,
  type SigningBundle,
} from './signing-bundle.js';

/**
 * The bundle agreement PDFs are signed with: PDF_SIGNING_P12 (required in production), or a
 * self-signed one generated once and kept in the database, so every worker and every restart
 * signs with the same certificate. Each certificate that signs is recorded (without its key when
 * configured), so files signed before a rotation are still recognised as the platform's.
 */
@Injectable()
export class PdfSigningKeysService implements OnModuleInit {
  private readonly logger = new Logger('PdfSigningKeys');
  private current!: SigningBundle;
  private fingerprints: ReadonlySet<string> = new Set();
  private loadedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly certificates: PdfSigningCertificatesRepository,
    @Inject(PRINTING_ENV) private readonly env: PrintingEnv,
  ) {}

  async onModuleInit(): Promise<void> {
    this.current = this.env.PDF_SIGNING_P12
      ? await this.configured(this.env.PDF_SIGNING_P12)
      : await this.storedOrGenerated();
    if (this.current.notAfter.getTime() < Date.now()) {
      this.logger.warn(
        `the PDF signing certificate expired on ${this.current.notAfter.toISOString()}; readers will flag new signatures`,
      );
    }
    await this.reloadFingerprints();
  }

  bundle(): SigningBundle {
    return this.current;
  }

  /**
   * SHA-256 fingerprints of every certificate the platform has signed with: reloaded every few
   * minutes, or now when asked (a worker restarted with a new certificate a moment ago).
   */
  async platformFingerprints(options: { reload?: boolean } = {}): Promise<ReadonlySet<string>> {
    if (options.reload || Date.now() - this.loadedAt > 5 * 60_000) await this.reloadFingerprints();
    return this.fingerprints;
  }

  private async reloadFingerprints(): Promise<void> {
    const recorded = await this.certificates.fingerprints();
    this.fingerprints = new Set([this.current.fingerprint, ...recorded]);
    this.loadedAt = Date.now();
  }

  private async configured(setting: string): Promise<SigningBundle> {
    const bundle = openSigningBundle(
      await readP12Setting(setting),
      this.env.PDF_SIGNING_P12_PASSPHRASE,
    );
    await this.record(this.dataSource.manager, bundle, 'CONFIGURED');
    this.logger.log(
      `signing agreement PDFs as "${bundle.subject}" (certificate ${bundle.fingerprint.slice(0, 16)}…)`,
    );
    return bundle;
  }

  private storedOrGenerated(): Promise<SigningBundle> {
    return this.dataSource.transaction(async (tx) => {
      await this.certificates.lockGeneration(tx);
      const stored = await this.certificates.firstGenerated(tx);
      // A generated bundle always keeps its PKCS#12 (the table's check).
      if (stored?.p12) return openSigningBundle(stored.p12, stored.p12Passphrase ?? '');
      const generated = generateDevelopmentBundle();
      const bundle = openSigningBundle(generated.p12, generated.passphrase);
      await this.record(tx, bundle, 'GENERATED');
      this.logger.warn(
        'PDF_SIGNING_P12 is not set: generated a self-signed certificate for agreement PDFs (development only)',
      );
      return bundle;
    });
  }

  private async record(
    manager: EntityManager,
    bundle: SigningBundle,
    source: 'CONFIGURED' | 'GENERATED',
  ): Promise<void> {
    const generated = source === 'GENERATED';
    await this.certificates.record(manager, {
      fingerprint: bundle.fingerprint,
      certificate: bundle.certificate,
      subject: bundle.subject,
      source,
      p12: generated ? bundle.p12 : null,
      p12Passphrase: generated ? bundle.passphrase : null,
    });
  }
}
