import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  ServiceError,
  type Principal,
  type RequestOf,
  type schoolCreate,
} from '@netsign/contracts';
import { isUniqueViolation } from '@netsign/persistence';
import { DataSource } from 'typeorm';
import { writeAudit } from '../../audit/audit.js';
import { AccountsRepository } from '../accounts.repository.js';

type Input = RequestOf<typeof schoolCreate>;

@Injectable()
export class CreateSchoolUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
  ) {}

  async execute(actor: Principal, input: Input): Promise<Input> {
    const codes = input.departments.map((d) => d.code);
    const duplicate = codes.find((c, i) => codes.indexOf(c) !== i);
    if (duplicate) {
      throw new ServiceError(ErrorCode.VALIDATION_FAILED, '院系代码重复', {
        fields: [{ field: 'departments', message: `院系代码 ${duplicate} 重复` }],
      });
    }
    try {
      await this.db.transaction(async (tx) => {
        await this.accounts.insertSchool(tx, input, input.departments);
        await writeAudit(tx, {
          actor,
          action: 'SCHOOL_CREATED',
          subjectType: 'school',
          subjectId: input.code,
          after: input,
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ServiceError(ErrorCode.CONFLICT, '学校代码已存在');
      throw err;
    }
    return { code: input.code, name: input.name, departments: input.departments };
  }
}
