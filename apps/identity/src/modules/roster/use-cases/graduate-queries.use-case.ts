import { Injectable } from '@nestjs/common';
import { may, needsAssignment, requirePrincipal, requireRole } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  type GraduateSnapshot,
  type Principal,
} from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { AccountsRepository } from '../../accounts/accounts.repository.js';
import { writeAudit } from '../../audit/audit.js';
import { IdNumberCipher } from '../../personal-data/id-number-cipher.js';
import { normaliseIdNumber } from '../domain/id-number.js';
import { assignmentOf, forbidden, graduateResource } from '../graduate-access.js';
import { GraduatesRepository, toSnapshot, type Graduate } from '../graduates.repository.js';

/** Services allowed to read a full ID number, and why (API: graduateIdNumber). */
const ID_NUMBER_READERS = new Set(['printing', 'dispatch-sync']);

/** Read side of the roster for other services: snapshot, scope check, exact match, full ID. */
@Injectable()
export class GraduateQueriesUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly graduates: GraduatesRepository,
    private readonly accounts: AccountsRepository,
    private readonly cipher: IdNumberCipher,
  ) {}

  async get(principal: Principal | null, graduateId: string): Promise<GraduateSnapshot> {
    const p = requirePrincipal(principal);
    const g = await this.graduates.byId(graduateId);
    if (!g) throw new ServiceError(ErrorCode.NOT_FOUND, '毕业生不存在');
    if (!(await this.visible(p, g))) throw forbidden();
    return toSnapshot(g);
  }

  async inScope(principal: Principal | null, graduateId: string): Promise<{ inScope: boolean }> {
    const p = requirePrincipal(principal);
    const g = await this.graduates.byId(graduateId);
    return { inScope: g !== null && (await this.visible(p, g)) };
  }

  /** Exact match of school + name + student no + ID number (by blind index); never says which field. */
  async match(
    principal: Principal | null,
    input: { schoolCode: string; name: string; studentNo: string; idNumber: string },
  ): Promise<GraduateSnapshot> {
    requireRole(principal, Role.EMPLOYER, Role.SERVICE);
    const g = await this.graduates.byStudentNo(input.schoolCode, input.studentNo.trim());
    if (!g || !this.matches(g, input.name, input.idNumber))
      throw new ServiceError(ErrorCode.ROSTER_MISMATCH);
    return toSnapshot(g);
  }

  matches(g: Graduate, name: string, idNumber: string): boolean {
    return (
      g.name === name.trim() &&
      g.idBlindIndex === this.cipher.blindIndex(normaliseIdNumber(idNumber))
    );
  }

  async idNumber(
    principal: Principal | null,
    graduateId: string,
    purpose: 'PRINT' | 'DISPATCH',
  ): Promise<{ idNumber: string }> {
    const p = requireRole(principal, Role.SERVICE);
    if (!ID_NUMBER_READERS.has(p.userId)) throw forbidden();
    const g = await this.graduates.byId(graduateId);
    if (!g) throw new ServiceError(ErrorCode.NOT_FOUND, '毕业生不存在');
    const idNumber = this.cipher.decrypt({ ciphertext: g.idNumberEnc, keyId: g.idKeyId });
    await this.db.transaction((tx) =>
      writeAudit(tx, {
        actor: p,
        action: 'ID_NUMBER_READ',
        subjectType: 'graduate',
        subjectId: g.id,
        after: { purpose },
      }),
    );
    return { idNumber };
  }

  /** The access policy's `graduate.see` (libs/auth); a counsellor's assignment from their account. */
  private async visible(p: Principal, g: Graduate): Promise<boolean> {
    const assignment = needsAssignment(p)
      ? assignmentOf(await this.accounts.userById(p.userId))
      : null;
    return may(p, 'graduate', 'see', graduateResource(g), assignment);
  }
}
