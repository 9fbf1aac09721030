import { Injectable } from '@nestjs/common';
import { ErrorCode, offerGet, positionGet, ServiceError, type OfferView, type PositionView } from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { serviceContext } from './identity.client.js';

@Injectable()
export class RecruitingClient {
  constructor(private readonly bus: BusClient) {}

  offer(offerId: string): Promise<OfferView> {
    return this.bus.request(offerGet, { offerId }, serviceContext());
  }

  /** A position of this employer that is open, or NOT_FOUND / INVALID_STATE. */
  async openPositionOf(employerId: string, positionId: string): Promise<PositionView> {
    const position = await this.bus.request(positionGet, { positionId }, serviceContext());
    if (position.employerId !== employerId) throw new ServiceError(ErrorCode.NOT_FOUND, '岗位不存在');
    if (position.status !== 'OPEN') throw new ServiceError(ErrorCode.INVALID_STATE, '该岗位已关闭');
    return position;
  }
}
