import { Injectable } from '@nestjs/common';
import { may, needsAssignment, requireRole, requireSchoolScope } from '@netsign/auth';
import { Role, type GraduateDestinationView, type Principal } from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { AgreementRepository } from '../../agreements/agreement.repository.js';
import { destinationCodeView } from '../domain/destination-rules.js';
import { IdentityClient } from '../../integration/identity.client.js';
import {
  GraduateProjectionRepository,
  type GraduateRow,
} from '../graduate-projection.repository.js';

/** Destinations and active agreements of some graduates of one school (identity's roster view, statistics). */
@Injectable()
export class ListDestinationsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly graduates: GraduateProjectionRepository,
    private readonly agreements: AgreementRepository,
    private readonly identity: IdentityClient,
  ) {}

  async execute(
    principal: Principal | null,
    input: { schoolCode: string; graduateIds: string[] },
  ): Promise<GraduateDestinationView[]> {
    const p = requireRole(
      principal,
      Role.SERVICE,
      Role.PROVINCE_ADMIN,
      Role.SCHOOL_ADMIN,
      Role.DEPARTMENT_STAFF,
      Role.COUNSELLOR,
    );
    if (p.role !== Role.SERVICE) requireSchoolScope(p, input.schoolCode);
    const rows = await this.visible(
      p,
      await this.graduates.find(this.dataSource, input.schoolCode, input.graduateIds),
    );
    const active = new Map(
      (
        await this.agreements.activeFor(
          this.dataSource,
          rows.map((r) => r.graduateId),
        )
      ).map((a) => [a.graduateId, a]),
    );
    return rows.map((r) => {
      const a = active.get(r.graduateId);
      return {
        graduateId: r.graduateId,
        schoolCode: r.schoolCode,
        destination: r.destination,
        note: r.note,
        ...destinationCodeView(r.destinationCode),
        activeAgreement: a
          ? { agreementId: a.agreementId, agreementNo: a.agreementNo, status: a.status }
          : null,
      };
    });
  }

  /**
   * Staff see only the graduates the access policy (libs/auth, `graduate.see`) lets them: department
   * staff their department, a counsellor the graduates and classes identity assigns them (one
   * request for the whole list, the class as signing's projection of the roster holds it);
   * graduates asked for outside it are left out.
   */
  private async visible(p: Principal, rows: GraduateRow[]): Promise<GraduateRow[]> {
    if (rows.length === 0) return rows;
    const assignment = needsAssignment(p)
      ? await this.identity.counsellorAssignment(p.userId)
      : null;
    return rows.filter((r) =>
      may(
        p,
        'graduate',
        'see',
        {
          graduate: {
            graduateId: r.graduateId,
            schoolCode: r.schoolCode,
            departmentCode: r.departmentCode,
            className: r.snapshot.className,
          },
        },
        assignment,
      ),
    );
  }
}
