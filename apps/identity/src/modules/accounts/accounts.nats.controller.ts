import { Controller } from '@nestjs/common';
import { requirePrincipal, requireRole } from '@netsign/auth';
import {
  authLogin,
  employerGet,
  employerRegister,
  ErrorCode,
  Role,
  schoolCreate,
  schoolGet,
  schoolList,
  ServiceError,
  staffCreate,
  type BusRequest,
  type RequestOf,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { AccountsRepository } from './accounts.repository.js';
import { CreateSchoolUseCase } from './use-cases/create-school.use-case.js';
import { CreateStaffUseCase } from './use-cases/create-staff.use-case.js';
import { LoginUseCase } from './use-cases/login.use-case.js';
import { RegisterEmployerUseCase } from './use-cases/register-employer.use-case.js';

@Controller()
export class AccountsNatsController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly createSchool: CreateSchoolUseCase,
    private readonly createStaff: CreateStaffUseCase,
    private readonly registerEmployer: RegisterEmployerUseCase,
    private readonly accounts: AccountsRepository,
  ) {}

  @HandleRequest(authLogin)
  signIn({ data }: BusRequest<RequestOf<typeof authLogin>>) {
    return this.login.execute(data.username, data.password);
  }

  @HandleRequest(schoolCreate)
  school({ ctx, data }: BusRequest<RequestOf<typeof schoolCreate>>) {
    return this.createSchool.execute(requireRole(ctx.principal, Role.PROVINCE_ADMIN), data);
  }

  /** The school directory is public information: anyone signed in reads it (a graduate binding picks a school). */
  @HandleRequest(schoolList)
  async listSchools({ ctx }: BusRequest<RequestOf<typeof schoolList>>) {
    requirePrincipal(ctx.principal);
    return { items: await this.accounts.schools() };
  }

  @HandleRequest(schoolGet)
  async getSchool({ ctx, data }: BusRequest<RequestOf<typeof schoolGet>>) {
    requirePrincipal(ctx.principal);
    const [school] = await this.accounts.schools(data.schoolCode);
    if (!school) throw new ServiceError(ErrorCode.NOT_FOUND, '学校不存在');
    return school;
  }

  @HandleRequest(staffCreate)
  staff({ ctx, data }: BusRequest<RequestOf<typeof staffCreate>>) {
    return this.createStaff.execute(
      requireRole(ctx.principal, Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN),
      data,
    );
  }

  @HandleRequest(employerRegister)
  employer({ data }: BusRequest<RequestOf<typeof employerRegister>>) {
    return this.registerEmployer.execute(data);
  }

  /** Services, the employer itself, staff and the province (reviewers see the employer). */
  @HandleRequest(employerGet)
  async getEmployer({ ctx, data }: BusRequest<RequestOf<typeof employerGet>>) {
    const p = requirePrincipal(ctx.principal);
    if (p.role === Role.GRADUATE || p.role === Role.WECHAT_UNBOUND)
      throw new ServiceError(ErrorCode.FORBIDDEN);
    if (p.role === Role.EMPLOYER && p.employerId !== data.employerId)
      throw new ServiceError(ErrorCode.FORBIDDEN);
    const employer = await this.accounts.employerById(data.employerId);
    if (!employer) throw new ServiceError(ErrorCode.NOT_FOUND, '用人单位不存在');
    return employer;
  }
}
