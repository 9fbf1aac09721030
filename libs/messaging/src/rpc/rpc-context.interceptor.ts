import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ErrorCode,
  requestContextSchema,
  ServiceError,
  type RequestContract,
} from '@netsign/contracts';
import { Observable } from 'rxjs';
import { requestContextStorage } from '../request-context.js';
import { REQUEST_CONTRACT } from './handle-request.decorator.js';
import { zodIssuesToDetails } from './zod-details.js';

@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = this.reflector.get<RequestContract<unknown, unknown>>(
      REQUEST_CONTRACT,
      context.getHandler(),
    );
    const packet = context.switchToRpc().getData<Record<string, unknown>>();
    const ctx = requestContextSchema.safeParse(packet?.['ctx']);
    if (!ctx.success) {
      throw new ServiceError(ErrorCode.VALIDATION_FAILED, '请求缺少调用上下文');
    }
    const data = contract.request.safeParse(packet['data'] ?? {});
    if (!data.success) {
      throw new ServiceError(
        ErrorCode.VALIDATION_FAILED,
        undefined,
        zodIssuesToDetails(data.error.issues),
      );
    }
    // Handlers read the parsed (coerced, defaulted) data.
    packet['data'] = data.data;
    return new Observable((subscriber) =>
      requestContextStorage.run(ctx.data, () => next.handle().subscribe(subscriber)),
    );
  }
}
