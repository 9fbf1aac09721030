import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Table `verification_keys`: the Ed25519 keys that signed verification QR tokens (migration 1764300000000). */
@Entity({ name: 'verification_keys' })
export class VerificationKeyEntity {
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  @Column({ name: 'private_pem', type: 'text' })
  privatePem!: string;

  /** The public key as a JWK (published at /api/verify/keys). */
  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: Record<string, string>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
