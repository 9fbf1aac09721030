import { ErrorCode, ServiceError } from '@netsign/contracts';

/** VALIDATION_FAILED naming the field, in the shape the gateway's own validation uses. */
export function invalidField(
  field: string,
  message: string,
  extra?: Record<string, unknown>,
): ServiceError {
  return new ServiceError(ErrorCode.VALIDATION_FAILED, message, {
    fields: [{ field, message, ...extra }],
  });
}
