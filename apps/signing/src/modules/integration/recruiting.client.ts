import { Injectable } from '@nestjs/common';
import { offerGet, positionGet, type OfferView } from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { serviceContext } from './identity.client.js';

@Injectable()
export class RecruitingClient {
  constructor(private readonly bus: BusClient) {}

  offer(offerId: string): Promise<OfferView> {
    return this.bus.request(offerGet, { offerId }, serviceContext());
  }

  /** The position as recruiting has it now (NOT_FOUND if there is none). */
  async position(positionId: string): Promise<{
    positionId: string;
    employerId: string;
    title: string;
    location: string;
    status: string;
  }> {
    const p = await this.bus.request(positionGet, { positionId }, serviceContext());
    return {
      positionId: p.id,
      employerId: p.employerId,
      title: p.title,
      location: p.location,
      status: p.status,
    };
  }
}
