import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdNumberCipher } from './id-number-cipher.js';

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
    private readonly dataSource: DataSource,
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
      const batch = await this.dataSource.transaction(async (tx) => {
        const rows: Array<{ id: string; id_number_enc: string; id_key_id: string }> =
          await tx.query(
            `SELECT id, id_number_enc, id_key_id FROM graduates
            WHERE id > $1 AND id_key_id = ANY($2::text[]) ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
            [after, older, BATCH],
          );
        if (rows.length === 0) return { count: 0, last: after };
        const fresh = rows.map((r) =>
          this.cipher.encrypt(
            this.cipher.decrypt({ ciphertext: r.id_number_enc, keyId: r.id_key_id }),
          ),
        );
        await tx.query(
          `UPDATE graduates g SET id_number_enc = v.enc, id_key_id = v.kid
             FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, enc, kid) WHERE g.id = v.id`,
          [rows.map((r) => r.id), fresh.map((f) => f.ciphertext), fresh.map((f) => f.keyId)],
        );
        return { count: rows.length, last: rows[rows.length - 1]!.id };
      });
      rekeyed += batch.count;
      after = batch.last;
      if (batch.count < BATCH) break;
    }
    const known = [this.cipher.keyId, ...older];
    const [unknown] = (await this.dataSource.query(
      `SELECT count(*)::int AS n, array_agg(DISTINCT id_key_id) AS keys FROM graduates WHERE NOT (id_key_id = ANY($1::text[]))`,
      [known],
    )) as Array<{ n: number; keys: string[] | null }>;
    if (rekeyed > 0)
      this.logger.log(`re-encrypted ${rekeyed} ID numbers under key ${this.cipher.keyId}`);
    if (unknown && unknown.n > 0) {
      this.logger.error(
        `${unknown.n} ID numbers are under keys not configured (${(unknown.keys ?? []).join(', ')}): add them to ID_ENCRYPTION_OLD_KEYS`,
      );
    }
    return { rekeyed, unknownKey: unknown?.n ?? 0 };
  }
}
