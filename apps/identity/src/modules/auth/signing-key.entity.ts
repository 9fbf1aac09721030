import type { PublicJwk } from '@netsign/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Table `signing_keys` (migrations 1764280000100, 1764280000600): token-signing keys, the private
 * key stored only encrypted with SIGNING_KEY_ENCRYPTION_KEY.
 */
@Entity({ name: 'signing_keys' })
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: PublicJwk;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'private_key_enc', type: 'text' })
  privateKeyEnc!: string;

  @Column({ name: 'enc_key_id', type: 'text' })
  encKeyId!: string;
}
