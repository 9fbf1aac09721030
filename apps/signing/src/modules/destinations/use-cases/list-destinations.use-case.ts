import { Injectable } from '@nestjs/common';
import { requireRole, requireSchoolScope } from '@netsign/auth';
import { Role, type GraduateDestinationView, type Principal } from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { AgreementRepository } from '../../agreements/agreement.repository.js';
import { GraduateProjectionRepository } from '../graduate-projection.repository.js';

/** Destinations and active agreements of some graduates of one school (identity's roster view, statistics). */
@Injectable()
export class ListDestinationsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly graduates: GraduateProjectionRepository,
    private readonly agreements: AgreementRepository,
  ) {}

  async execute(principal: Principal | null, input: { schoolCode: string; graduateIds: string[] }): Promise<GraduateDestinationView[]> {
    const p = requireRole(principal, Role.SERVICE, Role.PROVINCE_ADMIN, Role.SCHOOL_ADMIN, Role.DEPARTMENT_STAFF, Role.COUNSELLOR);
    if (p.role !== Role.SERVICE) requireSchoolScope(p, input.schoolCode);
    const rows = await this.graduates.find(this.dataSource, input.schoolCode, input.graduateIds);
    const active = new Map((await this.agreements.activeFor(this.dataSource, rows.map((r) => r.graduateId))).map((a) => [a.graduateId, a]));
    return rows.map((r) => {
      const a = active.get(r.graduateId);
      return {
        graduateId: r.graduateId,
        schoolCode: r.schoolCode,
        destination: r.destination,
        note: r.note,
        activeAgreement: a ? { agreementId: a.agreementId, agreementNo: a.agreementNo, status: a.status } : null,
      };
    });
  }
}
