import { ApplicationEntity } from './applications/application.entity.js';
import { ResumeEntity } from './applications/resume.entity.js';
import { InterviewInvitationEntity } from './interviews/interview-invitation.entity.js';
import { SigningOfferEntity } from './offers/signing-offer.entity.js';
import { PositionEntity } from './positions/position.entity.js';

/** One entity per table of schema `recruiting` (outbox and inbox belong to libs/messaging). */
export const recruitingEntities = [
  PositionEntity,
  ResumeEntity,
  ApplicationEntity,
  InterviewInvitationEntity,
  SigningOfferEntity,
];
