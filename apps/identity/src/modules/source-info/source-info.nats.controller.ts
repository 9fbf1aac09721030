import { Controller } from '@nestjs/common';
import { requireRole, requireSchoolScope } from '@netsign/auth';
import {
  meGet,
  Role,
  sourceInfoConfirm,
  sourceInfoCorrectionDecide,
  sourceInfoCorrectionRequest,
  sourceInfoCorrectionsList,
  type BusRequest,
  type RequestOf,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { CorrectionsRepository } from './corrections.repository.js';
import { ConfirmSourceInfoUseCase } from './use-cases/confirm-source-info.use-case.js';
import { DecideCorrectionUseCase } from './use-cases/decide-correction.use-case.js';
import { GetMeUseCase } from './use-cases/get-me.use-case.js';
import { RequestCorrectionUseCase } from './use-cases/request-correction.use-case.js';

@Controller()
export class SourceInfoNatsController {
  constructor(
    private readonly me: GetMeUseCase,
    private readonly confirmUseCase: ConfirmSourceInfoUseCase,
    private readonly requestUseCase: RequestCorrectionUseCase,
    private readonly decideUseCase: DecideCorrectionUseCase,
    private readonly corrections: CorrectionsRepository,
  ) {}

  @HandleRequest(meGet)
  getMe({ ctx }: BusRequest<RequestOf<typeof meGet>>) {
    return this.me.execute(ctx.principal);
  }

  @HandleRequest(sourceInfoConfirm)
  confirm({ ctx }: BusRequest<RequestOf<typeof sourceInfoConfirm>>) {
    return this.confirmUseCase.execute(ctx.principal);
  }

  @HandleRequest(sourceInfoCorrectionRequest)
  requestCorrection({ ctx, data }: BusRequest<RequestOf<typeof sourceInfoCorrectionRequest>>) {
    return this.requestUseCase.execute(ctx.principal, data.changes, data.reason);
  }

  @HandleRequest(sourceInfoCorrectionsList)
  list({ ctx, data }: BusRequest<RequestOf<typeof sourceInfoCorrectionsList>>) {
    const p = requireRole(ctx.principal, Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN);
    requireSchoolScope(p, data.schoolCode);
    return this.corrections.list(data.schoolCode, data.status);
  }

  @HandleRequest(sourceInfoCorrectionDecide)
  decide({ ctx, data }: BusRequest<RequestOf<typeof sourceInfoCorrectionDecide>>) {
    return this.decideUseCase.execute(ctx.principal, data);
  }
}
