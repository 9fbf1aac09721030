import { Controller } from '@nestjs/common';
import { requirePrincipal } from '@netsign/auth';
import {
  ErrorCode,
  notificationRead,
  notificationsList,
  ServiceError,
  type BusRequest,
  type RequestOf,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { NotificationsRepository, recipientOf } from './notifications.repository.js';

@Controller()
export class NotificationsNatsController {
  constructor(private readonly notifications: NotificationsRepository) {}

  @HandleRequest(notificationsList)
  list({ ctx, data }: BusRequest<RequestOf<typeof notificationsList>>) {
    const p = requirePrincipal(ctx.principal);
    return this.notifications.list(
      recipientOf(p),
      data.page,
      data.pageSize,
      data.unreadOnly ?? false,
    );
  }

  @HandleRequest(notificationRead)
  async read({ ctx, data }: BusRequest<RequestOf<typeof notificationRead>>) {
    const p = requirePrincipal(ctx.principal);
    const read = await this.notifications.markRead(recipientOf(p), data.id);
    if (!read) throw new ServiceError(ErrorCode.NOT_FOUND, '通知不存在');
    return read;
  }
}
