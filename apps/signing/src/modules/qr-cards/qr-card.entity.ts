import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Table `qr_cards` (migrations 1764290000000, 1764310000000): the QR business cards issued. */
@Index('qr_cards_graduate_live', { synchronize: false })
@Entity({ name: 'qr_cards' })
export class QrCardEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Set when the card can no longer be used (a binding released, a newer card). */
  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt!: Date | null;
}

/** Table `qr_card_keys` (migration 1764290000000): the key that signs QR cards; it never leaves the schema. */
@Entity({ name: 'qr_card_keys' })
export class QrCardKeyEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'bytea' })
  secret!: Buffer;
}
