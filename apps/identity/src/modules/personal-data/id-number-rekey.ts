import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { IdNumberCipher } from './id-number-cipher.js';
import { PersonalDataRepository } from './personal-data.repository.js';

const BATCH = 500;

/**
 * After a key rotation (a new ID_ENCRYPTION_KEY_ID, the old key moved to ID_ENCRYPTION_OLD_KEYS),
 * re-encrypts in the background every ID number still under an older key, so that the old key can
 * be retired. Runs at boot, one pass in primary-key order, 500 rows to a transaction (rows locked
 * by a concurrent change are left for the next boot); the blind index does not change. Rows under
 * a key this process does not know are left alone and reported: their key must come back.
 */
@Injectable()
export class IdNumberRekey implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IdNumberRekey');
  private stopping = false;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly repository: PersonalDataRepository,
    private readonly cipher: IdNumberCipher,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.rekeyAll().catch((err: unknown) =>
      this.logger.error({ err }, 'ID number re-encryption failed; retried at next start'),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /** Re-encrypts what older keys hold; returns how many rows it rewrote and how many it could not. */
  async rekeyAll(): Promise<{ rekeyed: number; unknownKey: number }> {
    const older = this.cipher.olderKeyIds;
    let rekeyed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    while (older.length > 0 && !this.stopping) {
      const batch = await this.repository.transaction(async (tx) => {
        const rows = await this.repository.lockSealedUnder(tx, after, older, BATCH);
        if (rows.length === 0) return { count: 0, last: after };
        await this.repository.reseal(
          tx,
          rows.map((r) => {
            const fresh = this.cipher.encrypt(
              this.cipher.decrypt({ ciphertext: r.idNumberEnc, keyId: r.idKeyId }),
            );
            return { id: r.id, idNumberEnc: fresh.ciphertext, idKeyId: fresh.keyId };
          }),
        );
        return { count: rows.length, last: rows[rows.length - 1]!.id };
      });
      rekeyed += batch.count;
      after = batch.last;
      if (batch.count < BATCH) break;
    }
    const known = [this.cipher.keyId, ...older];
    const unknown = await this.repository.sealedUnderOther(known);
    if (rekeyed > 0)
      this.logger.log(`re-encrypted ${rekeyed} ID numbers under key ${this.cipher.keyId}`);
    if (unknown.n > 0) {
      this.logger.error(
        `${unknown.n} ID numbers are under keys not configured (${unknown.keys.join(', ')}): add them to ID_ENCRYPTION_OLD_KEYS`,
      );
    }
    return { rekeyed, unknownKey: unknown.n };
  }
}
