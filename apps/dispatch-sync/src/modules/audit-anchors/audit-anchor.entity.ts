import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Table `audit_anchors` (migration 1764320000000): the anchors the audited services publish, kept
 * as received; a trigger refuses any change or deletion.
 */
@Entity({ name: 'audit_anchors' })
export class AuditAnchorEntity {
  @PrimaryColumn({ type: 'text' })
  service!: string;

  @PrimaryColumn({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'date' })
  day!: string;

  @Column({ name: 'anchored_at', type: 'timestamptz' })
  anchoredAt!: Date;

  @Column({ type: 'text' })
  format!: string;

  @Column({ type: 'text' })
  root!: string;

  @Column({ type: 'integer' })
  chains!: number;

  /** bigint: Postgres answers it as a string. */
  @Column({ type: 'bigint' })
  entries!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
