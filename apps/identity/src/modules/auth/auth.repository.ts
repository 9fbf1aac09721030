import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PublicJwk } from '@netsign/contracts';
import { IsNull, Not, type EntityManager, type Repository } from 'typeorm';
import { SigningKeyEntity } from './signing-key.entity.js';

/** Table `signing_keys`: the only place that reads or writes it. */
@Injectable()
export class SigningKeysRepository {
  constructor(
    @InjectRepository(SigningKeyEntity) private readonly keys: Repository<SigningKeyEntity>,
  ) {}

  /** Runs `work` in a transaction holding the signing-key lock (one replica generates the key). */
  locked<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.keys.manager.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('identity-signing-key'))`);
      return work(tx);
    });
  }

  /** The newest key not retired, or null. */
  async current(tx: EntityManager): Promise<SigningKeyEntity | null> {
    return tx.getRepository(SigningKeyEntity).findOne({
      where: { retiredAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }

  async insert(
    tx: EntityManager,
    key: Pick<SigningKeyEntity, 'kid' | 'privateKeyEnc' | 'encKeyId' | 'publicJwk'>,
  ): Promise<void> {
    await tx.getRepository(SigningKeyEntity).insert(key);
  }

  /** The public keys of every stored key but `kid` (retired ones verify until their tokens expire). */
  async publicKeysExcept(kid: string): Promise<PublicJwk[]> {
    const keys = await this.keys.find({
      select: { kid: true, publicJwk: true },
      where: { kid: Not(kid) },
    });
    return keys.map((k) => k.publicJwk);
  }
}
