import { Injectable } from '@nestjs/common';
import { mayAtAll, needsAssignment, requirePrincipal, scopeOf } from '@netsign/auth';
import {
  ErrorCode,
  ServiceError,
  type FileChunk,
  type Principal,
  type TerminationStatus,
  type TerminationView,
} from '@netsign/contracts';
import { StoreUploadsUseCase } from '../../files/use-cases/store-uploads.use-case.js';
import { IdentityClient } from '../../integration/identity.client.js';
import { TerminationAccess } from '../termination-access.js';
import {
  TerminationRepository,
  toTerminationView,
  type TerminationFilter,
} from '../termination.repository.js';

@Injectable()
export class ReadTerminationsUseCase {
  constructor(
    private readonly terminations: TerminationRepository,
    private readonly access: TerminationAccess,
    private readonly identity: IdentityClient,
    private readonly files: StoreUploadsUseCase,
  ) {}

  async list(
    principal: Principal | null,
    q: { status?: TerminationStatus; agreementId?: string; page: number; pageSize: number },
  ): Promise<{ items: TerminationView[]; total: number }> {
    const p = requirePrincipal(principal);
    // The access policy's `termination.see`; for a counsellor one question to identity, then SQL:
    // the list is complete and paged by the database.
    if (!mayAtAll(p, 'termination', 'see')) throw new ServiceError(ErrorCode.FORBIDDEN);
    const assignment = needsAssignment(p) ? await this.identity.assignment(p.userId) : null;
    const filter: TerminationFilter = {
      scope: scopeOf(p, 'termination', 'see', assignment),
      ...(q.status ? { status: q.status } : {}),
      ...(q.agreementId ? { agreementId: q.agreementId } : {}),
    };
    const [terminations, total] = await this.terminations.list(filter, q.page, q.pageSize);
    return { items: terminations.map(toTerminationView), total };
  }

  async get(principal: Principal | null, terminationId: string): Promise<TerminationView> {
    const p = requirePrincipal(principal);
    if (!mayAtAll(p, 'termination', 'see')) throw new ServiceError(ErrorCode.FORBIDDEN);
    const t = await this.terminations.get(terminationId);
    if (!t) throw new ServiceError(ErrorCode.NOT_FOUND, '解约申请不存在');
    await this.access.requireReader(p, t);
    return toTerminationView(t);
  }

  async material(
    principal: Principal | null,
    terminationId: string,
    materialId: string,
    seq: number,
  ): Promise<FileChunk> {
    await this.get(principal, terminationId);
    const file = await this.terminations.materialFile(terminationId, materialId);
    if (!file) throw new ServiceError(ErrorCode.NOT_FOUND, '解约材料不存在');
    return this.files.chunk(file, seq);
  }
}
