import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type EntityManager, type Repository } from 'typeorm';
import { VerificationKeyEntity } from './verification-key.entity.js';

/** Table `verification_keys`: the only place that reads or writes it. */
@Injectable()
export class VerificationKeysRepository {
  constructor(
    @InjectRepository(VerificationKeyEntity)
    private readonly keys: Repository<VerificationKeyEntity>,
  ) {}

  /** The public keys (JWK) of every stored key but this one. */
  async publicJwksExcept(kid: string): Promise<Array<Record<string, string>>> {
    const rows = await this.keys.find({
      select: { kid: true, publicJwk: true },
      where: { kid: Not(kid) },
    });
    return rows.map((k) => k.publicJwk);
  }

  /**
   * Serialises the generation of the signing key across processes until the transaction ends,
   * so that every worker starting at once ends up with the same key.
   */
  async lockGeneration(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('printing-verification-key'))`);
  }

  /** The newest key not retired; null if none is stored. */
  newestActive(tx: EntityManager): Promise<VerificationKeyEntity | null> {
    return tx.getRepository(VerificationKeyEntity).findOne({
      where: { retiredAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }

  async insert(
    tx: EntityManager,
    key: Pick<VerificationKeyEntity, 'kid' | 'privatePem' | 'publicJwk'>,
  ): Promise<void> {
    await tx
      .getRepository(VerificationKeyEntity)
      .insert({ kid: key.kid, privatePem: key.privatePem, publicJwk: key.publicJwk });
  }
}
