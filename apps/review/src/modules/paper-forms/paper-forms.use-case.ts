import { Injectable } from '@nestjs/common';
import {
  mayAtAll,
  needsAssignment,
  requirePrincipal,
  requireSchoolScope,
  scopeOf,
} from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  type PaperFormStatus,
  type PaperFormView,
  type Principal,
} from '@netsign/contracts';
import { isUniqueViolation } from '@netsign/persistence';
import { DataSource } from 'typeorm';
import { IdentityClient } from '../integration/identity.client.js';
import { planIssue, planReissue } from './domain/paper-form-rules.js';
import {
  PaperFormRepository,
  toPaperFormView,
  type PaperFormFilter,
} from './paper-form.repository.js';

/** The school staff who issue paper forms (the access policy's `graduate.issuePaperForm`). */
function requireStaff(principal: Principal | null): Principal {
  const p = requirePrincipal(principal);
  if (!mayAtAll(p, 'graduate', 'issuePaperForm')) throw new ServiceError(ErrorCode.FORBIDDEN);
  return p;
}

/** Paper agreement forms: issue once, re-issue with a reason (voiding the held one), collected on online signing. */
@Injectable()
export class PaperFormsUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly forms: PaperFormRepository,
    private readonly identity: IdentityClient,
  ) {}

  async issue(
    principal: Principal | null,
    input: { schoolCode: string; graduateId: string; formNo: string; reason?: string },
  ): Promise<PaperFormView> {
    const p = requireStaff(principal);
    requireSchoolScope(p, input.schoolCode);
    // Identity refuses graduates outside the caller's scope (the policy's `graduate.see`, which
    // within these roles is `graduate.issuePaperForm`).
    const g = await this.identity.graduate(input.graduateId);
    if (g.schoolCode !== input.schoolCode)
      throw new ServiceError(ErrorCode.NOT_FOUND, '毕业生不存在');
    try {
      return await this.db.transaction(async (tx) => {
        const held = await this.forms.lockForms(tx, input.graduateId);
        let replacesId: string | null = null;
        if (input.reason === undefined) {
          planIssue(held);
        } else {
          const plan = planReissue(held);
          if (plan.voids) await this.forms.void(tx, plan.voids, { userId: p.userId, role: p.role });
          replacesId = plan.replaces;
        }
        const form = await this.forms.insert(tx, {
          schoolCode: g.schoolCode,
          departmentCode: g.departmentCode,
          className: g.className,
          graduateId: g.graduateId,
          graduateName: g.name,
          studentNo: g.studentNo,
          formNo: input.formNo,
          issuedBy: { userId: p.userId, role: p.role },
          replacesId,
          reissueReason: input.reason ?? null,
        });
        return toPaperFormView(form);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'paper_forms_number')) {
        throw new ServiceError(ErrorCode.CONFLICT, '该协议书编号已被使用', {
          fields: [{ field: 'formNo', message: '编号重复' }],
        });
      }
      if (isUniqueViolation(err, 'paper_forms_one_held'))
        throw new ServiceError(ErrorCode.INVALID_STATE, '该毕业生已持有一份纸质协议书');
      throw err;
    }
  }

  async list(
    principal: Principal | null,
    q: {
      schoolCode: string;
      status?: PaperFormStatus;
      graduateId?: string;
      departmentCode?: string;
      page: number;
      pageSize: number;
    },
  ): Promise<{ items: PaperFormView[]; total: number }> {
    const p = requireStaff(principal);
    requireSchoolScope(p, q.schoolCode);
    if (
      p.role === Role.DEPARTMENT_STAFF &&
      q.departmentCode &&
      q.departmentCode !== p.departmentCode
    )
      throw new ServiceError(ErrorCode.FORBIDDEN);
    // For a counsellor one question to identity, then SQL: the list is complete and paged by the database.
    const assignment = needsAssignment(p) ? await this.identity.assignment(p.userId) : null;
    const filter: PaperFormFilter = {
      schoolCode: q.schoolCode,
      scope: scopeOf(p, 'graduate', 'issuePaperForm', assignment),
      ...(q.departmentCode ? { departmentCode: q.departmentCode } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.graduateId ? { graduateId: q.graduateId } : {}),
    };
    const [forms, total] = await this.forms.list(filter, q.page, q.pageSize);
    return { items: forms.map(toPaperFormView), total };
  }
}
