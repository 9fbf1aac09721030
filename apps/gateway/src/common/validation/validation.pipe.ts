import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ErrorCode, ServiceError } from '@netsign/contracts';

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Request DTOs are validated at the edge; a bad field answers VALIDATION_FAILED naming it. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ServiceError(ErrorCode.VALIDATION_FAILED, '请求参数不合法', { fields: flatten(errors) }),
  });
}
