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
import { AccountsRepository, toEmployer } from '../accounts.repository.js';
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
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
  ) {}

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
        const employer = toEmployer(
          await this.accounts.insertEmployer(tx, {
            creditCode: normaliseCreditCode(input.creditCode),
            name: input.name,
            nature: codes.nature,
            industry: codes.industry,
            address: input.address,
            hasHiringAutonomy: input.hasHiringAutonomy,
            contactName: input.contactName,
            contactPhone: input.contactPhone,
            natureCode: codes.natureCode,
            industryCode: codes.industryCode,
            regionCode: codes.regionCode,
          }),
        );
        const { id: userId } = await this.accounts.insertUser(tx, {
          username: input.username,
          passwordHash: hash,
          role: 'EMPLOYER',
          employerId: employer.employerId,
        });
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
