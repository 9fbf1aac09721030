import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Table `agreement_parties` (migration 1764280000300): who an agreement concerns, from signing's events. */
@Entity({ name: 'agreement_parties' })
export class AgreementPartyEntity {
  @PrimaryColumn({ name: 'agreement_id', type: 'text' })
  agreementId!: string;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;
}
