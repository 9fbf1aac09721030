import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { RequestContract } from '@netsign/contracts';
import { RpcContextInterceptor } from './rpc-context.interceptor.js';

export const REQUEST_CONTRACT = Symbol('netsign:request-contract');

/**
 * Marks a NATS handler for a contract. The handler receives a validated `BusRequest` and runs
 * with the caller's context (correlation id, principal) available to logs and events.
 */
export function HandleRequest(contract: RequestContract<unknown, unknown>): MethodDecorator {
  return applyDecorators(
    MessagePattern(contract.subject),
    SetMetadata(REQUEST_CONTRACT, contract),
    UseInterceptors(RpcContextInterceptor),
  );
}
