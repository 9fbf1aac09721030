import { Controller } from '@nestjs/common';
import {
  passwordChange,
  staffDeactivate,
  staffList,
  staffReactivate,
  staffUpdate,
  type BusRequest,
  type RequestOf,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { ChangePasswordUseCase } from './use-cases/change-password.use-case.js';
import { ListStaffUseCase } from './use-cases/list-staff.use-case.js';
import { StaffActivationUseCase } from './use-cases/staff-activation.use-case.js';
import { UpdateStaffUseCase } from './use-cases/update-staff.use-case.js';

/** Staff accounts after creation (list, scope, deactivation) and everyone's own password. */
@Controller()
export class StaffNatsController {
  constructor(
    private readonly list: ListStaffUseCase,
    private readonly update: UpdateStaffUseCase,
    private readonly activation: StaffActivationUseCase,
    private readonly password: ChangePasswordUseCase,
  ) {}

  @HandleRequest(staffList)
  staff({ ctx, data }: BusRequest<RequestOf<typeof staffList>>) {
    return this.list.execute(ctx.principal, data);
  }

  @HandleRequest(staffUpdate)
  change({ ctx, data }: BusRequest<RequestOf<typeof staffUpdate>>) {
    return this.update.execute(ctx.principal, data);
  }

  @HandleRequest(staffDeactivate)
  deactivate({ ctx, data }: BusRequest<RequestOf<typeof staffDeactivate>>) {
    return this.activation.deactivate(ctx.principal, data);
  }

  @HandleRequest(staffReactivate)
  reactivate({ ctx, data }: BusRequest<RequestOf<typeof staffReactivate>>) {
    return this.activation.reactivate(ctx.principal, data);
  }

  @HandleRequest(passwordChange)
  changePassword({ ctx, data }: BusRequest<RequestOf<typeof passwordChange>>) {
    return this.password.execute(ctx.principal, data);
  }
}
