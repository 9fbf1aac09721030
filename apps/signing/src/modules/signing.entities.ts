import { AgreementHistoryEntity } from './agreements/agreement-history.entity.js';
import { AgreementEntity } from './agreements/agreement.entity.js';
import { DestinationChangeEntity } from './destinations/destination-change.entity.js';
import { GraduateEntity } from './destinations/graduate.entity.js';
import { EmployerEntity, PositionEntity } from './parties/party.entities.js';
import { QrCardEntity, QrCardKeyEntity } from './qr-cards/qr-card.entity.js';

/**
 * One entity per table of schema `signing` (outbox, inbox and parked events belong to
 * libs/messaging, the audit chain's own tables to libs/audit-chain).
 */
export const signingEntities = [
  GraduateEntity,
  DestinationChangeEntity,
  AgreementEntity,
  AgreementHistoryEntity,
  QrCardEntity,
  QrCardKeyEntity,
  EmployerEntity,
  PositionEntity,
];
