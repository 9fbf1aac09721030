import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  agreementSigned,
  ErrorCode,
  ServiceError,
  type Actor,
  type AgreementTerms,
  type EmployerSnapshot,
  type GraduateSnapshot,
  type PositionSnapshot,
  type SignResult,
  type SigningMethod,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { DataSource } from 'typeorm';
import { DestinationWriter } from '../../destinations/destination-writer.js';
import { assertCanSign } from '../../destinations/domain/destination-rules.js';
import { GraduateProjectionRepository } from '../../destinations/graduate-projection.repository.js';
import { AgreementNumbers } from '../agreement-numbers.js';
import { AgreementRepository, type AgreementRecord } from '../agreement.repository.js';
import { formatAgreementNo, signingYear } from '../domain/agreement-number.js';
import { signedEntry } from '../domain/agreement-lifecycle.js';
import { assertValidTerms } from '../domain/agreement-terms.js';

export interface SignCommand {
  method: SigningMethod;
  graduate: GraduateSnapshot;
  employer: EmployerSnapshot;
  position: PositionSnapshot;
  terms: AgreementTerms;
  offerId: string | null;
  actor: NonNullable<Actor>;
}

/**
 * The signing step all three methods share, once each method has gathered fresh snapshots:
 * terms → source info confirmed → graduate available (row lock, then the partial unique index)
 * → agreement + history + destination SIGNED_ONLINE + events, in one transaction.
 */
@Injectable()
export class SignAgreementUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agreements: AgreementRepository,
    private readonly numbers: AgreementNumbers,
    private readonly graduates: GraduateProjectionRepository,
    private readonly destinations: DestinationWriter,
  ) {}

  async execute(cmd: SignCommand): Promise<SignResult> {
    assertValidTerms(cmd.terms, cmd.employer);
    if (!cmd.graduate.sourceInfoConfirmed)
      throw new ServiceError(ErrorCode.SOURCE_INFO_NOT_CONFIRMED);
    const at = new Date();
    // Before the transaction: a refill needs a connection of its own (a failed signing leaves a gap).
    const seq = await this.numbers.next();
    return this.dataSource.transaction(async (tx) => {
      const graduate = await this.graduates.upsertAndLock(tx, cmd.graduate);
      assertCanSign({ destination: graduate.destination, hasActiveAgreement: false });
      const agreement: AgreementRecord = {
        agreementId: randomUUID(),
        agreementNo: formatAgreementNo(signingYear(at), cmd.graduate.schoolCode, BigInt(seq)),
        method: cmd.method,
        status: 'PENDING_REVIEW',
        graduate: cmd.graduate,
        employer: cmd.employer,
        position: cmd.position,
        terms: cmd.terms,
        signedAt: at.toISOString(),
        version: 1,
        offerId: cmd.offerId,
      };
      await this.agreements.insert(tx, agreement, signedEntry(at, cmd.actor));
      await this.destinations.change(tx, graduate, 'SIGNED_ONLINE', {
        reason: null,
        agreementId: agreement.agreementId,
        actor: cmd.actor,
      });
      const { offerId, ...snapshot } = agreement;
      await publishEvent(tx, agreementSigned, {
        aggregateId: agreement.agreementId,
        actor: cmd.actor,
        payload: { agreement: snapshot, offerId, signedBy: cmd.actor },
      });
      return {
        agreementId: agreement.agreementId,
        agreementNo: agreement.agreementNo,
        status: agreement.status,
        method: agreement.method,
      };
    });
  }
}
