import { randomUUID } from 'node:crypto';
import {
  headers as natsHeaders,
  NoRespondersError,
  RequestError,
  TimeoutError,
} from '@nats-io/transport-node';
import {
  ErrorCode,
  isErrorBody,
  ServiceError,
  type RequestContext,
  type RequestContract,
} from '@netsign/contracts';
import type { NatsConnection } from '../nats.js';
import { decodeReply } from './compressing-serializer.js';
import type { BusNames } from '../bus-names.js';

interface ReplyPacket {
  err?: unknown;
  response?: unknown;
}

/**
 * Typed request-reply over NATS, speaking the packet format of Nest's NATS transport. A missing
 * service answers at once (no responders), a slow one after the timeout: both are
 * UPSTREAM_UNAVAILABLE, never a hang.
 */
export class BusClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly names: BusNames,
    private readonly defaultTimeoutMs: number,
  ) {}

  async request<Req, Res>(
    contract: RequestContract<Req, Res>,
    data: Req,
    ctx: RequestContext,
    options: { timeoutMs?: number } = {},
  ): Promise<Res> {
    const packet = JSON.stringify({
      pattern: contract.subject,
      data: { ctx, data },
      id: randomUUID(),
    });
    const h = natsHeaders();
    h.set('x-correlation-id', ctx.correlationId);
    let reply: ReplyPacket;
    try {
      const msg = await this.nc.request(this.names.subject(contract.subject), packet, {
        timeout: options.timeoutMs ?? this.defaultTimeoutMs,
        headers: h,
      });
      reply = decodeReply(msg.data, msg.headers) as ReplyPacket;
    } catch (err) {
      throw this.unavailable(contract, err);
    }
    if (reply.err !== undefined && reply.err !== null) {
      if (isErrorBody(reply.err)) throw ServiceError.fromBody(reply.err);
      // e.g. "There is no matching message handler": the service runs another version.
      throw new ServiceError(ErrorCode.UPSTREAM_UNAVAILABLE, undefined, {
        service: contract.service,
      });
    }
    return reply.response as Res;
  }

  private unavailable(contract: RequestContract<unknown, unknown>, err: unknown): ServiceError {
    const reason =
      err instanceof NoRespondersError || (err instanceof RequestError && err.isNoResponders())
        ? 'no-responders'
        : err instanceof TimeoutError
          ? 'timeout'
          : 'transport';
    return new ServiceError(ErrorCode.UPSTREAM_UNAVAILABLE, undefined, {
      service: contract.service,
      reason,
    });
  }
}
