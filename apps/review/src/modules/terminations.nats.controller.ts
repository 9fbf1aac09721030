import { Controller } from '@nestjs/common';
import {
  paperFormIssue,
  paperFormList,
  paperFormReissue,
  terminationApply,
  terminationDecide,
  terminationGet,
  terminationList,
  terminationMaterialContent,
  terminationWithdraw,
  type BusRequest,
  type RequestOf,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { PaperFormsUseCase } from './paper-forms/paper-forms.use-case.js';
import { ApplyTerminationUseCase } from './terminations/use-cases/apply-termination.use-case.js';
import { DecideTerminationUseCase } from './terminations/use-cases/decide-termination.use-case.js';
import { ReadTerminationsUseCase } from './terminations/use-cases/read-terminations.use-case.js';

/** Thin transport for terminations (解约) and paper agreement forms. */
@Controller()
export class TerminationsNatsController {
  constructor(
    private readonly apply: ApplyTerminationUseCase,
    private readonly decide: DecideTerminationUseCase,
    private readonly read: ReadTerminationsUseCase,
    private readonly paperForms: PaperFormsUseCase,
  ) {}

  @HandleRequest(terminationApply)
  applyFor({ ctx, data }: BusRequest<RequestOf<typeof terminationApply>>) {
    return this.apply.execute(ctx.principal, data);
  }

  @HandleRequest(terminationWithdraw)
  withdraw({ ctx, data }: BusRequest<RequestOf<typeof terminationWithdraw>>) {
    return this.decide.withdraw(ctx.principal, data.terminationId);
  }

  @HandleRequest(terminationDecide)
  decideOn({ ctx, data }: BusRequest<RequestOf<typeof terminationDecide>>) {
    return this.decide.decide(ctx.principal, data);
  }

  @HandleRequest(terminationList)
  list({ ctx, data }: BusRequest<RequestOf<typeof terminationList>>) {
    return this.read.list(ctx.principal, data);
  }

  @HandleRequest(terminationGet)
  get({ ctx, data }: BusRequest<RequestOf<typeof terminationGet>>) {
    return this.read.get(ctx.principal, data.terminationId);
  }

  @HandleRequest(terminationMaterialContent)
  material({ ctx, data }: BusRequest<RequestOf<typeof terminationMaterialContent>>) {
    return this.read.material(ctx.principal, data.terminationId, data.materialId, data.seq);
  }

  @HandleRequest(paperFormIssue)
  issue({ ctx, data }: BusRequest<RequestOf<typeof paperFormIssue>>) {
    return this.paperForms.issue(ctx.principal, data);
  }

  @HandleRequest(paperFormReissue)
  reissue({ ctx, data }: BusRequest<RequestOf<typeof paperFormReissue>>) {
    return this.paperForms.issue(ctx.principal, data);
  }

  @HandleRequest(paperFormList)
  paperFormsList({ ctx, data }: BusRequest<RequestOf<typeof paperFormList>>) {
    return this.paperForms.list(ctx.principal, data);
  }
}
