import { Injectable } from '@nestjs/common';
import { mayAtAll, requireMay, requirePrincipal, requireSchoolScope } from '@netsign/auth';
import {
  actorOf,
  ErrorCode,
  ServiceError,
  type Actor,
  type Destination,
  type GraduateDestinationView,
  type Principal,
} from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AgreementRepository } from '../../agreements/agreement.repository.js';
import { DestinationWriter } from '../destination-writer.js';
import {
  assertCanRecord,
  assertCanUnlock,
  checkDestinationCode,
  destinationCodeView,
} from '../domain/destination-rules.js';
import {
  GraduateProjectionRepository,
  type GraduateRow,
} from '../graduate-projection.repository.js';

/** School admin (or province): records an offline destination, or unlocks back to awaiting (audited). */
@Injectable()
export class ChangeDestinationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly graduates: GraduateProjectionRepository,
    private readonly agreements: AgreementRepository,
    private readonly writer: DestinationWriter,
  ) {}

  record(
    principal: Principal | null,
    input: {
      schoolCode: string;
      graduateId: string;
      destination: Destination;
      note?: string;
      destinationCode?: string;
    },
  ) {
    const destinationCode = checkDestinationCode(input.destination, input.destinationCode);
    return this.run(principal, input, async (tx, g, active, actor) => {
      assertCanRecord(
        { destination: g.destination, hasActiveAgreement: active },
        input.destination,
      );
      const reason = input.note?.trim() || null;
      return this.writer.change(tx, g, input.destination, {
        reason,
        note: reason,
        agreementId: null,
        actor,
        destinationCode,
      });
    });
  }

  unlock(
    principal: Principal | null,
    input: { schoolCode: string; graduateId: string; reason: string },
  ) {
    return this.run(principal, input, async (tx, g, active, actor) => {
      assertCanUnlock({ destination: g.destination, hasActiveAgreement: active }, input.reason);
      return this.writer.change(tx, g, 'AWAITING_EMPLOYMENT', {
        reason: input.reason.trim(),
        agreementId: null,
        actor,
      });
    });
  }

  private async run(
    principal: Principal | null,
    input: { schoolCode: string; graduateId: string },
    change: (
      tx: EntityManager,
      g: GraduateRow,
      hasActive: boolean,
      actor: Actor,
    ) => Promise<GraduateRow>,
  ): Promise<GraduateDestinationView> {
    // The access policy's `graduate.manage`: the school admin of the graduate's school, the province.
    const p = requirePrincipal(principal);
    if (!mayAtAll(p, 'graduate', 'manage')) throw new ServiceError(ErrorCode.FORBIDDEN);
    requireSchoolScope(p, input.schoolCode);
    const actor = actorOf(p);
    return this.dataSource.transaction(async (tx) => {
      const g = await this.graduates.lockInSchool(tx, input.schoolCode, input.graduateId);
      if (!g) throw new ServiceError(ErrorCode.NOT_FOUND, '该校没有此毕业生');
      requireMay(p, 'graduate', 'manage', {
        graduate: {
          graduateId: g.graduateId,
          schoolCode: g.schoolCode,
          departmentCode: g.departmentCode,
          className: g.snapshot.className,
        },
      });
      const active = await this.agreements.activeFor(tx, [g.graduateId]);
      const changed = await change(tx, g, active.length > 0, actor);
      return {
        graduateId: g.graduateId,
        schoolCode: g.schoolCode,
        destination: changed.destination,
        note: changed.note,
        ...destinationCodeView(changed.destinationCode),
        activeAgreement: null,
      };
    });
  }
}
