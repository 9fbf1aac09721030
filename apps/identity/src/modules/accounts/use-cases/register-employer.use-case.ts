import { Injectable } from '@nestjs/common';
import {
  employerRegistered,
  ErrorCode,
  ServiceError,
  type EmployerSnapshot,
  type RequestOf,
  type employerRegister,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { isUniqueViolation } from '@netsign/persistence';
import { DataSource } from 'typeorm';
import { writeAudit } from '../../audit/audit.js';
import { toEmployer } from '../accounts.repository.js';
import { resolveEmployerCodes } from '../domain/employer-codes.js';
import { checkCreditCode, normaliseCreditCode } from '../domain/credit-code.js';
import { hashPassword } from '../password.js';

type Input = RequestOf<typeof employerRegister>;

const PROBLEM_MESSAGE = {
  FORMAT: '统一社会信用代码格式不正确（应为18位）',
  ORGANISATION_CODE: '统一社会信用代码中的组织机构代码校验位错误',
  CHECK_CHARACTER: '统一社会信用代码校验位错误',
} as const;

/** Self-registration: a validated credit code, one account per employer to start with. */
@Injectable()
export class RegisterEmployerUseCase {
  constructor(private readonly db: DataSource) {}

  async execute(input: Input): Promise<EmployerSnapshot & { userId: string }> {
    const problem = checkCreditCode(input.creditCode);
    if (problem) {
      throw new ServiceError(ErrorCode.VALIDATION_FAILED, PROBLEM_MESSAGE[problem], {
        fields: [{ field: 'creditCode', message: PROBLEM_MESSAGE[problem], problem }],
      });
    }
    const codes = resolveEmployerCodes(input);
    if ('problems' in codes) {
      throw new ServiceError(
        ErrorCode.VALIDATION_FAILED,
        codes.problems.map((p) => p.message).join('；'),
        { fields: codes.problems },
      );
    }
    const hash = await hashPassword(input.password);
    try {
      return await this.db.transaction(async (tx) => {
        const rows: Array<Record<string, unknown>> = await tx.query(
          `INSERT INTO employers (credit_code, name, nature, industry, address, has_hiring_autonomy, contact_name, contact_phone,
                                  nature_code, industry_code, region_code)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
          [
            normaliseCreditCode(input.creditCode),
            input.name,
            codes.nature,
            codes.industry,
            input.address,
            input.hasHiringAutonomy,
            input.contactName,
            input.contactPhone,
            codes.natureCode,
            codes.industryCode,
            codes.regionCode,
          ],
        );
        const employer = toEmployer(rows[0]!);
        const users: Array<{ id: string }> = await tx.query(
          `INSERT INTO users (username, password_hash, role, employer_id) VALUES ($1, $2, 'EMPLOYER', $3) RETURNING id`,
          [input.username, hash, employer.employerId],
        );
        const userId = users[0]!.id;
        await writeAudit(tx, {
          actor: { userId, role: 'EMPLOYER' },
          action: 'EMPLOYER_REGISTERED',
          subjectType: 'employer',
          subjectId: employer.employerId,
          after: employer,
        });
        await publishEvent(tx, employerRegistered, {
          aggregateId: employer.employerId,
          actor: { userId, role: 'EMPLOYER' },
          payload: employer,
        });
        return { ...employer, userId };
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ServiceError(ErrorCode.CONFLICT, '该统一社会信用代码或用户名已注册');
      }
      throw err;
    }
  }
}
