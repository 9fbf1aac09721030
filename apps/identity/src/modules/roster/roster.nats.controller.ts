import { Controller } from '@nestjs/common';
import { requirePrincipal, requireRole, requireSchoolScope } from '@netsign/auth';
import {
  counsellorAssignment,
  graduateGet,
  graduateIdNumber,
  graduateInScope,
  graduatesList,
  rosterImport,
  rosterMatch,
  rosterUploadPart,
  Role,
  type BusRequest,
  type RequestOf,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { RosterUploadsService } from './roster-uploads.service.js';
import { CounsellorAssignmentUseCase } from './use-cases/counsellor-assignment.use-case.js';
import { GraduateQueriesUseCase } from './use-cases/graduate-queries.use-case.js';
import { ImportRosterUseCase } from './use-cases/import-roster.use-case.js';
import { ListGraduatesUseCase } from './use-cases/list-graduates.use-case.js';

@Controller()
export class RosterNatsController {
  constructor(
    private readonly importRoster: ImportRosterUseCase,
    private readonly uploads: RosterUploadsService,
    private readonly list: ListGraduatesUseCase,
    private readonly queries: GraduateQueriesUseCase,
    private readonly assignments: CounsellorAssignmentUseCase,
  ) {}

  @HandleRequest(rosterUploadPart)
  async uploadPart({ ctx, data }: BusRequest<RequestOf<typeof rosterUploadPart>>) {
    const received = await this.uploads.storePart(
      requirePrincipal(ctx.principal),
      data.schoolCode,
      data.uploadId,
      data.seq,
      Buffer.from(data.data, 'base64'),
    );
    return { received };
  }

  @HandleRequest(rosterImport)
  async import({ ctx, data }: BusRequest<RequestOf<typeof rosterImport>>) {
    const actor = requireRole(ctx.principal, Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN);
    requireSchoolScope(actor, data.schoolCode);
    const content =
      data.content !== undefined
        ? Buffer.from(data.content, 'base64')
        : await this.uploads.take(data.schoolCode, data.uploadId!, data.parts);
    return this.importRoster.execute(actor, data.schoolCode, data.format, content);
  }

  @HandleRequest(graduatesList)
  graduates({ ctx, data }: BusRequest<RequestOf<typeof graduatesList>>) {
    return this.list.execute(ctx.principal, data);
  }

  @HandleRequest(graduateGet)
  get({ ctx, data }: BusRequest<RequestOf<typeof graduateGet>>) {
    return this.queries.get(ctx.principal, data.graduateId);
  }

  @HandleRequest(graduateInScope)
  inScope({ ctx, data }: BusRequest<RequestOf<typeof graduateInScope>>) {
    return this.queries.inScope(ctx.principal, data.graduateId);
  }

  @HandleRequest(counsellorAssignment)
  assignment({ ctx, data }: BusRequest<RequestOf<typeof counsellorAssignment>>) {
    return this.assignments.execute(ctx.principal, data.userId);
  }

  @HandleRequest(rosterMatch)
  match({ ctx, data }: BusRequest<RequestOf<typeof rosterMatch>>) {
    return this.queries.match(ctx.principal, data);
  }

  @HandleRequest(graduateIdNumber)
  idNumber({ ctx, data }: BusRequest<RequestOf<typeof graduateIdNumber>>) {
    return this.queries.idNumber(ctx.principal, data.graduateId, data.purpose);
  }
}
